using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Probe;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror probe [MIRROR...]</c>: the engine's mirror probe, as a table.</summary>
internal static class ProbeCommand
{
    public static Command Create(CliContext context)
    {
        var mirrors = new Argument<string[]>("MIRROR")
        {
            Description = "Mirror URLs (or GOPROXY lists) to probe. Default: --probe-proxies, else the URL entries of GOPROXY.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var goMods = new Option<string[]>("--go-mod")
        {
            Description = "A go.mod (or its folder, or a repository folder) whose go.sum gives the samples; repeatable. Default: the current folder.",
            HelpName = "file",
            AllowMultipleArgumentsPerToken = false,
        };
        var reportDir = new Option<string?>("--report-dir") { Description = "Also write gomirror-probe.json and gomirror-probe.md into this folder.", HelpName = "folder" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds the whole probe may take (default 30).", HelpName = "seconds", DefaultValueFactory = _ => 30 };
        var requestTimeout = new Option<double>("--request-timeout") { Description = "Seconds one request may wait for an answer (default 10; no retries).", HelpName = "seconds", DefaultValueFactory = _ => 10 };
        var samples = new Option<int>("--samples") { Description = "Module versions whose .info and .mod each mirror is asked for (default 8).", HelpName = "n", DefaultValueFactory = _ => 8 };
        var zips = new Option<int>("--zips") { Description = "Zips each mirror serves for throughput and consistency: the largest in the module cache (default 2).", HelpName = "n", DefaultValueFactory = _ => 2 };
        var command = new Command("probe", "Probe mirrors with module versions from go.sum: latency p50/p95 of .info/.mod, zip throughput, /sumdb/<name>/supported, versions a mirror lacks, and whether what it serves matches go.sum (a mirror serving other bytes is flagged, never suggested); ranks them and suggests a GOPROXY. Exit 1 when a mirror serves other bytes or nothing could be probed.")
        {
            mirrors,
            goMods,
            reportDir,
            timeLimit,
            requestTimeout,
            samples,
            zips,
            context.Json,
        };
        context.AddPolicyOptions(command);
        context.Settings.AddTo(command, nameof(GoMirrorOptions.ProbeProxies), nameof(GoMirrorOptions.ProbeKnown));
        command.SetAction(async (parse, ct) =>
        {
            var console = context.Console;
            var given = parse.GetValue(goMods) is { Length: > 0 } g ? g : ["."];
            var (goModules, pathProblems) = ComponentPaths.Resolve(given, Directory.GetCurrentDirectory());
            if (DiagnosticWriter.WriteAll(console, pathProblems))
            {
                return ExitCodes.Usage;
            }

            var limit = parse.GetValue(timeLimit);
            var timeout = parse.GetValue(requestTimeout);
            if (limit <= 0 || timeout <= 0 || parse.GetValue(samples) < 0 || parse.GetValue(zips) < 0)
            {
                DiagnosticWriter.Write(console.Error, ToolDiagnostics.InvalidArguments.Create("--time-limit and --request-timeout must be positive, --samples and --zips zero or more."), console.ErrorColours);
                return ExitCodes.Usage;
            }

            var problems = new List<Diagnostic>();
            var settings = context.Settings.Apply(new GoMirrorOptions(), parse, problems);
            if (DiagnosticWriter.WriteAll(console, problems))
            {
                return ExitCodes.Usage;
            }

            var options = new MirrorProbeOptions
            {
                Mirrors = parse.GetValue(mirrors) ?? [],
                GoModules = goModules,
                Settings = settings,
                Host = console.Host,
                TimeLimit = TimeSpan.FromSeconds(limit),
                RequestTimeout = TimeSpan.FromSeconds(timeout),
                SmallSamples = parse.GetValue(samples),
                ZipSamples = parse.GetValue(zips),
                ReportDirectory = parse.GetValue(reportDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : null,
            };
            MirrorProbeResult result;
            using (var display = new ProgressDisplay(console, "gomirror probe"))
            {
                result = await MirrorProbe.RunAsync(options, new SyncProgress(p => display.Report(p.Done, p.Total)), ct).ConfigureAwait(false);
            }

            DiagnosticWriter.WriteAll(console, result.Diagnostics);

            console.Out.Write(parse.GetValue(context.Json) ? result.Json : result.Markdown);
            foreach (var file in result.Files)
            {
                console.Error.WriteLine("gomirror probe: wrote " + file);
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    // Progress<T> posts to the thread pool, so its last report can land after the display is gone; this one
    // reports on the caller's thread.
    private sealed class SyncProgress(Action<ProbeProgress> report) : IProgress<ProbeProgress>
    {
        public void Report(ProbeProgress value) => report(value);
    }
}
