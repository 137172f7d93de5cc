using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Toolchain;

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
        var environment = setup.GoEnvironment();
        if (RoutedVersionsNotCached(setup) is { Count: > 0 } missing)
        {
            diagnostics.AddRange(missing);
            return new DownloadRun([], null, clock.Elapsed, null);
        }

        var found = await GoToolchainInspector.Shared.GetInfoAsync(go, diagnostics, ct).ConfigureAwait(false);
        var toolchains = found is null ? null : await ToolchainsAsync(setup, go, found, environment, diagnostics, ct).ConfigureAwait(false);
        var components = new List<ComponentDownloadState>();
        for (var i = 0; i < setup.Components.Count; i++)
        {
            var component = setup.Components[i];
            if (toolchains?[i] is not { } toolchain)
            {
                components.Add(new ComponentDownloadState(component.GoModPath, false, null, []));
                continue;
            }

            var result = await DownloadComponentAsync(setup, go, component, environment, ct).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            components.Add(new ComponentDownloadState(
                component.GoModPath,
                result.Succeeded,
                null,
                [.. result.Modules.Select(m => new GoModuleState(m.Path, m.Version, m.Sum, m.GoModSum, m.Error is null ? null : setup.Policy.Redactor.Redact(m.Error)))])
            {
                Toolchain = toolchain,
            });
        }

        var duration = clock.Elapsed;
        TimeSpan? offlineDuration = null;
        if (options.Offline && !diagnostics.HasErrors)
        {
            offlineDuration = await ProveOfflineAsync(setup, go, environment, components, diagnostics, ct).ConfigureAwait(false);
        }

        return new DownloadRun(components, found?.Version.Text, duration, offlineDuration);
    }

    // Which Go runs for each component: predicted (Go's select.go), then asked (go env GOVERSION in its folder, with
    // the environment go mod download gets; a Go before 1.21 is not asked, it cannot switch). Null when the
    // prediction says the go command stops: nothing downloads. A component whose go env fails gets null and is not
    // downloaded.
    private async Task<ComponentToolchainState?[]?> ToolchainsAsync(EngineSetup setup, string go, GoToolchainInfo found, Dictionary<string, string> environment, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var choices = setup.Components.Select(c => ToolchainSelector.Select(c, setup.Policy, found, environment)).ToList();
        if (setup.Toolchains.Count == 0 || choices.Any(c => c.Fails))
        {
            // The check could not predict (no VERSION file), or predicted otherwise: these findings are new here.
            diagnostics.AddRange(ToolchainPrediction.DistinctFindings(choices));
        }

        if (choices.Any(c => c.Fails))
        {
            return null;
        }

        var result = new ComponentToolchainState?[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            var (component, choice) = (setup.Components[i], choices[i]);
            var label = InputStamp.Label(component, setup.RepositoryRoot);
            var ran = await RunningToolchain.AskAsync(found, component.Directory, environment, options.GoTimeout, setup.Policy.Redactor, ct).ConfigureAwait(false);
            if (ran.Failure is { } failure)
            {
                diagnostics.Add(GoCommandDiagnostics.GoVersionQueryFailed.Create(
                    $"{label}: go env GOVERSION failed with the Go found ({found.Version.Text}) predicted to run {choice.Describe()}: {failure}",
                    SourceLocation.InFile(component.GoModPath)));
                continue;
            }

            var version = ran.Version!;
            if (version != choice.Toolchain)
            {
                diagnostics.Add(GoCommandDiagnostics.ToolchainDiffersFromPrediction.Create(
                    $"{label}: go env GOVERSION says {version}, GoMirror predicted {choice.Describe()}.",
                    choice.DecidedBy ?? SourceLocation.InFile(component.GoModPath)));
            }

            // A Go the engine fetched itself (GoMirrorGoVersion) is not the one found on the machine.
            var provisioned = !string.Equals(go, setup.Go.ExecutablePath, StringComparison.Ordinal);
            var selection = version != found.Version.Text ? choice.KindName : provisioned ? "provisioned" : "local";
            var module = selection switch
            {
                "switch" when choice.Module is { } m => m.ToString(),
                "provisioned" => ToolchainChoice.ModuleFor(version, ToolchainFetchPlatform.Host.GoOs, ToolchainFetchPlatform.Host.GoArch).ToString(),
                _ => null,
            };
            result[i] = new ComponentToolchainState(version, found.Version.Text, selection, module);
            log(GoMirrorLogLevel.Normal, version == found.Version.Text
                ? $"GoMirror toolchain of {label}: {version}, the Go found ({choice.Reason})."
                : $"GoMirror toolchain of {label}: {version} ran, found {found.Version.Text} ({choice.Reason}; {(module ?? choice.Executable ?? selection)}).");
        }

        return result;
    }

    // The go command has one GOPROXY: a routed version it finds in the module cache it takes from there (no request), but
    // one the cache lacks it would ask GOPROXY for, not its route. So routed versions must be warmed before go runs; a
    // route whose list starts with off is served from the cache only.
    private static List<Diagnostic> RoutedVersionsNotCached(EngineSetup setup)
    {
        var policy = setup.Policy;
        if (policy.RouteTable.Routes.Count == 0 || setup.Cache is null)
        {
            return [];
        }

        return [.. PrewarmPlan.Create(setup.Components, policy, setup.UnverifiedSeverity).Items
            .Where(i => i.Disposition is PrewarmDisposition.Fetch or PrewarmDisposition.NoProxy && policy.RouteFor(i.Module.Path) is not null)
            .Where(i => !ModulePrewarmer.IsCached(setup.Cache, i))
            .Select(i => PolicyDiagnostics.RoutedModuleNotWarmed.Create(
                $"{i.Module}: route '{policy.RouteFor(i.Module.Path)!.Pattern}' ({policy.RouteFor(i.Module.Path)!.DisplayProxy}) serves it, but it is not in the module cache; go mod download would ask GOPROXY ({string.Join(",", policy.ProxyDisplayNames)}) for it instead, so it does not run.",
                i.GoSumLine))];
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
}
