using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Engine;

/// <summary>What the download step ran: each component's result, the go version, and how long it took.</summary>
/// <param name="Components">Per component, in order: the go command's outcome and the modules it reported.</param>
/// <param name="GoVersion">The go executable's version, or null when it could not be read.</param>
/// <param name="Duration">The step's time up to the end of the downloads (without the offline proof).</param>
/// <param name="OfflineDuration">The offline proof's time; null when it did not run.</param>
internal sealed record DownloadRun(List<ComponentDownloadState> Components, string? GoVersion, TimeSpan Duration, TimeSpan? OfflineDuration);

/// <summary>
/// The go command's part of <see cref="GoMirrorEngine.DownloadAsync"/>: <c>go mod download -json</c> in each
/// component with exactly the policy's Go environment plus the host's credential and trust variables, and, with
/// <see cref="GoMirrorOptions.Offline"/>, once more per component with <c>GOPROXY=off</c> to prove the build
/// needs no network. The engine keeps the step's start, its state and its summary.
/// </summary>
internal sealed class DownloadStep(GoMirrorOptions options, Action<GoMirrorLogLevel, string> log)
{
    /// <summary>Downloads every component of <paramref name="setup"/> with <paramref name="go"/>; findings go to
    /// <paramref name="diagnostics"/>. <paramref name="clock"/> is the step's, started when it began.</summary>
    public async Task<DownloadRun> RunAsync(EngineSetup setup, string go, DiagnosticBag diagnostics, Stopwatch clock, CancellationToken ct)
    {
        var environment = WithCredentialVariables(setup, setup.Policy.ToGoEnvironment());
        var components = new List<ComponentDownloadState>();
        foreach (var component in setup.Components)
        {
            var result = await DownloadComponentAsync(setup, go, component, environment, ct).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            components.Add(new ComponentDownloadState(
                component.GoModPath,
                result.Succeeded,
                null,
                [.. result.Modules.Select(m => new GoModuleState(m.Path, m.Version, m.Sum, m.GoModSum, m.Error is null ? null : setup.Policy.Redactor.Redact(m.Error)))]));
        }

        var goVersion = (await GoToolchainInspector.Shared.GetInfoAsync(go, diagnostics, ct).ConfigureAwait(false))?.Version.Text;
        var duration = clock.Elapsed;
        TimeSpan? offlineDuration = null;
        if (options.Offline && !diagnostics.HasErrors)
        {
            offlineDuration = await ProveOfflineAsync(setup, go, environment, components, diagnostics, ct).ConfigureAwait(false);
        }

        return new DownloadRun(components, goVersion, duration, offlineDuration);
    }

    private async Task<TimeSpan> ProveOfflineAsync(EngineSetup setup, string go, Dictionary<string, string> environment, List<ComponentDownloadState> components, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var offline = Stopwatch.StartNew();
        var withoutNetwork = new Dictionary<string, string>(environment, StringComparer.Ordinal) { [PolicyVariables.GoProxy] = "off" };
        for (var i = 0; i < setup.Components.Count; i++)
        {
            var component = setup.Components[i];
            var result = await DownloadComponentAsync(setup, go, component, withoutNetwork, ct).ConfigureAwait(false);
            components[i] = components[i] with { OfflineSucceeded = result.Succeeded };
            if (!result.Succeeded)
            {
                diagnostics.Add(EngineDiagnostics.OfflineProofFailed.Create(
                    $"{InputStamp.Label(component, setup.RepositoryRoot)}: go mod download with GOPROXY=off failed after the pre-warm and download: the component still needs the network.",
                    SourceLocation.InFile(component.GoModPath)));
                diagnostics.AddRange(result.Diagnostics);
            }
        }

        log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
            $"GoMirror offline proof (GOPROXY=off): {components.Count(c => c.OfflineSucceeded == true)} of {components.Count} components download without the network; {offline.Elapsed.TotalSeconds:0.00} s."));
        return offline.Elapsed;
    }

    private async Task<GoModDownloadResult> DownloadComponentAsync(EngineSetup setup, string go, GoComponent component, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var result = await GoModDownloader.DownloadAsync(
            new GoModDownloadRequest(go, component.Directory, environment)
            {
                GoSumPath = component.GoSumPath,
                PassProxyVariables = true,
                Timeout = options.GoTimeout,
                Redactor = setup.Policy.Redactor,
                StandardErrorLine = line => log(GoMirrorLogLevel.Detailed, "  go: " + line),
            },
            ct).ConfigureAwait(false);
        log(GoMirrorLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture, $"  {result.CommandLine} → exit {result.ExitCode}, {result.Modules.Count} modules, {result.Duration.TotalSeconds:0.00} s"));
        return result;
    }

    // The go command reads its credentials and trust from these, as the pre-warm did: the host's values reach it.
    private static Dictionary<string, string> WithCredentialVariables(EngineSetup setup, IReadOnlyDictionary<string, string> environment)
    {
        var result = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var name in (string[])["NETRC", "SSL_CERT_FILE", "SSL_CERT_DIR"])
        {
            if (setup.Host.Get(name) is { } value)
            {
                result[name] = value;
            }
        }

        if (setup.Auth is { } auth)
        {
            result["GOAUTH"] = auth;
        }

        return result;
    }
}
