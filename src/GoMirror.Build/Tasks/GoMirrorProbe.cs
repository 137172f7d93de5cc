using GoMirror.Core.Probe;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// Measures the mirrors (<c>GoMirrorProbeProxies</c>, else GOPROXY's; plus the public ones with
/// <c>GoMirrorProbeKnown</c>) with versions from the components' go.sum and writes <c>gomirror-probe.json</c> and
/// <c>gomirror-probe.md</c> into the report folder. Run on request (<c>dotnet build -t:GoMirrorProbe</c>), never
/// as part of a build: it is a measurement, bounded in time and requests.
/// </summary>
public sealed class GoMirrorProbe : GoMirrorTask
{
    /// <summary>The GOPROXY the ranking suggests; empty when no mirror qualifies.</summary>
    [Output]
    public string SuggestedProxy { get; private set; } = string.Empty;

    /// <summary>The probe files written.</summary>
    [Output]
    public ITaskItem[] ProbeFiles { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = CreateLog(policyAlreadyReported: false);
        if (CreateOptions(log) is not { } options)
        {
            return false;
        }

        try
        {
            var result = MirrorProbe.RunAsync(options, cancellationToken: CancellationToken).GetAwaiter().GetResult();
            foreach (var diagnostic in result.Diagnostics)
            {
                log.Diagnostic(diagnostic);
            }

            foreach (var mirror in result.Mirrors)
            {
                Log.LogMessage(MessageImportance.High, "GoMirror: probe: {0} {1}: p50 {2} ms, {3} missing, {4} behind{5}",
                    mirror.Rank is { } rank ? "#" + rank : "not ranked", mirror.Url, mirror.Latency?.P50.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    mirror.Missing.Count, mirror.LatestBehind.Count, mirror.Consistent ? string.Empty : ", serves other bytes than go.sum");
            }

            SuggestedProxy = result.SuggestedProxy ?? string.Empty;
            ProbeFiles = [.. result.Files.Select(f => new Microsoft.Build.Utilities.TaskItem(f))];
            foreach (var file in result.Files)
            {
                Log.LogMessage(MessageImportance.High, "GoMirror: probe wrote {0}", file);
            }

            return result.Succeeded && !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            Log.LogWarning("GoMirror: probe cancelled.");
            return false;
        }
    }
}
