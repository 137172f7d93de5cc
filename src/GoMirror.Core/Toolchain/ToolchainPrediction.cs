using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// The toolchain prediction of the policy check, which starts no process: the found Go's version comes from its
/// <c>$GOROOT/VERSION</c> file (first line, <c>go1.23.5</c>), its platform from this machine. So a build that Go would
/// stop (GOTOOLCHAIN=local with a go line too new, a malformed GOTOOLCHAIN, a toolchain not on PATH in path mode)
/// fails in the check, before the pre-warm downloads anything; the download step predicts again from
/// <c>go version</c> and then asks the Go that runs.
/// </summary>
internal static class ToolchainPrediction
{
    /// <summary>Each component's predicted toolchain, in component order; empty when the Go found has no readable
    /// VERSION file (a development build, or Go not found). Diagnostics of all components, each once, are added to
    /// <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<ToolchainChoice> Predict(
        IReadOnlyList<GoComponent> components,
        GoMirrorPolicy policy,
        string? goExecutable,
        string? goRoot,
        IReadOnlyDictionary<string, string> goEnvironment,
        DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (goExecutable is null || FromVersionFile(goExecutable, goRoot) is not { } found)
        {
            return [];
        }

        var choices = components.Select(c => ToolchainSelector.Select(c, policy, found, goEnvironment)).ToList();
        diagnostics.AddRange(DistinctFindings(choices));
        return choices;
    }

    /// <summary>The choices' diagnostics, each finding once: components that share a go line share its findings.</summary>
    internal static IEnumerable<Diagnostic> DistinctFindings(IEnumerable<ToolchainChoice> choices)
    {
        // Keyed by a record, not a tuple: generic code over reference types ships precompiled (finding 13).
        var seen = new HashSet<FindingKey>();
        foreach (var diagnostic in choices.SelectMany(c => c.Diagnostics))
        {
            if (seen.Add(new FindingKey(diagnostic.Code, diagnostic.Message, diagnostic.Location)))
            {
                yield return diagnostic;
            }
        }
    }

    /// <summary>The found Go as its <c>VERSION</c> file names it, with this machine's GOOS and GOARCH; null when the
    /// file is missing or names no release.</summary>
    public static GoToolchainInfo? FromVersionFile(string goExecutable, string? goRoot)
    {
        ArgumentNullException.ThrowIfNull(goExecutable);
        var file = goRoot is null ? null : Path.Combine(goRoot, "VERSION");
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        string first;
        try
        {
            first = File.ReadLines(file).FirstOrDefault()?.Trim() ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return first.StartsWith("go", StringComparison.Ordinal) && GoVersion.TryParse(first, out var version) && !version.IsDevel
            ? new GoToolchainInfo(goExecutable, version, ToolchainFetchPlatform.Host.GoOs, ToolchainFetchPlatform.Host.GoArch, "VERSION " + first)
            : null;
    }

    private sealed record FindingKey(string Code, string Message, SourceLocation? Location);
}
