using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Security;
using GoMirror.Build.Logging;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// What every GoMirror task shares: the policy properties, the go executable, and the translation of
/// MSBuild parameters into <see cref="GoMirrorOptions"/>. Tasks decide nothing themselves; the engine does.
/// </summary>
public abstract class GoMirrorTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary><c>GoMirrorProxy</c>: GOPROXY.</summary>
    public string? Proxy { get; set; }

    /// <summary><c>GoMirrorPrivate</c>: GOPRIVATE.</summary>
    public string? Private { get; set; }

    /// <summary><c>GoMirrorNoProxy</c>: GONOPROXY.</summary>
    public string? NoProxy { get; set; }

    /// <summary><c>GoMirrorNoSumDb</c>: GONOSUMDB.</summary>
    public string? NoSumDb { get; set; }

    /// <summary><c>GoMirrorSumDb</c>: GOSUMDB.</summary>
    public string? SumDb { get; set; }

    /// <summary><c>GoMirrorInsecure</c>: GOINSECURE.</summary>
    public string? Insecure { get; set; }

    /// <summary><c>GoMirrorFlags</c>: GOFLAGS.</summary>
    public string? Flags { get; set; }

    /// <summary><c>GoMirrorModCache</c>: GOMODCACHE.</summary>
    public string? ModCache { get; set; }

    /// <summary>The Go components: go.mod files (or their folders), as <c>GoModule</c> items.</summary>
    public ITaskItem[] Modules { get; set; } = [];

    /// <summary><c>GoExecutable</c>: the go command (a file, or a folder holding it); empty finds it on GOROOT/bin, then PATH.</summary>
    public string? GoExecutable { get; set; }

    /// <summary>Cancels the running step (Ctrl+C in the build): a running go process is killed.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <summary>Token cancelled by <see cref="Cancel"/>.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The log that turns engine diagnostics into MSBuild errors and warnings.</summary>
    private protected MSBuildEngineLog CreateLog(bool policyAlreadyReported) =>
        new(Log, BuildEngine, policyAlreadyReported);

    /// <summary>The engine options every task shares.</summary>
    protected GoMirrorOptions CreateOptions() => new()
    {
        PolicySettings = [.. PolicySettings()],
        GoExecutable = Empty(GoExecutable),
        GoModules = [.. Modules.Select(m => m.GetMetadata("FullPath"))],
        Tool = "GoMirror.Build (MSBuild " + BuildEngineVersion() + ")",
    };

    /// <summary>Null for an empty or whitespace MSBuild value, as an unset property.</summary>
    protected static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The policy settings whose value carries URL user-info.</summary>
    protected IEnumerable<ExplicitSetting> PropertiesWithCredentials() =>
        PolicySettings().Where(s => CredentialRedactor.HasUserInfo(s.Value));

    private IEnumerable<ExplicitSetting> PolicySettings()
    {
        string?[] values = [Proxy, Private, NoProxy, NoSumDb, SumDb, Insecure, Flags, ModCache];
        for (var i = 0; i < PolicyVariables.All.Count; i++)
        {
            var variable = PolicyVariables.All[i];
            if (Empty(values[i]) is { } value)
            {
                yield return new ExplicitSetting(variable.GoName, value, new SourceLocation(MSBuildEngineLog.PropertyDescriptionPrefix + variable.MSBuildProperty));
            }
        }
    }

    private static string BuildEngineVersion() =>
        typeof(ITask).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
