using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GoMirror.Core.Reports;

namespace GoMirror.Core.Probe;

/// <summary><c>gomirror-probe.json</c> (the shape issue #15 gives, plus the request counts and what was
/// inconsistent) and <c>gomirror-probe.md</c> (one table a person reads in a minute).</summary>
internal static class ProbeWriters
{
    public const string JsonName = "gomirror-probe.json";
    public const string MarkdownName = "gomirror-probe.md";

    public static string Json(IReadOnlyList<ProbedMirror> mirrors, string? suggested, int samples)
    {
        var list = new JsonArray();
        foreach (var m in mirrors)
        {
            list.Add(new JsonObject
            {
                ["url"] = m.Url,
                ["rank"] = m.Rank,
                ["latencyMs"] = m.Latency is { } l ? new JsonObject { ["p50"] = l.P50, ["p95"] = l.P95 } : null,
                ["bytesPerSecond"] = m.BytesPerSecond,
                ["sumdbSupported"] = m.SumDbSupported,
                ["consistent"] = m.Consistent,
                ["missing"] = new JsonArray([.. m.Missing.Select(x => (JsonNode)x)]),
                ["inconsistent"] = new JsonArray([.. m.Inconsistent.Select(x => (JsonNode)x)]),
                ["latestBehind"] = new JsonArray([.. m.LatestBehind.Select(x => (JsonNode)x)]),
                ["requests"] = m.Requests,
                ["failures"] = m.Failures,
            });
        }

        return JsonText.Pretty(new JsonObject
        {
            ["mirrors"] = list,
            ["suggestedProxy"] = suggested,
            ["samples"] = samples,
        });
    }

    public static string Markdown(IReadOnlyList<ProbedMirror> mirrors, string? suggested, int samples)
    {
        var text = new StringBuilder();
        text.Append("## GoMirror mirror probe\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{samples} module versions sampled from go.sum.\n\n");
        text.Append("| Rank | Mirror | p50 ms | p95 ms | Throughput | sumdb | Consistent | Missing | Behind | Requests (failed) |\n");
        text.Append("|---:|---|---:|---:|---:|---|---|---:|---:|---:|\n");
        foreach (var m in mirrors)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {(m.Rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : "—")} | {MarkdownSummaryWriter.Cell(m.Url)} | {Ms(m.Latency?.P50)} | {Ms(m.Latency?.P95)} | {Rate(m.BytesPerSecond)} | {YesNo(m.SumDbSupported)} | {(m.Consistent ? "yes" : "**NO**: " + MarkdownSummaryWriter.Cell(string.Join(", ", m.Inconsistent)))} | {m.Missing.Count} | {m.LatestBehind.Count} | {m.Requests} ({m.Failures}) |\n");
        }

        text.Append('\n');
        text.Append(suggested is null
            ? "No mirror can be suggested: none answered with the bytes go.sum records.\n"
            : "Suggested: `GOPROXY=" + suggested + "`\n");
        return text.ToString();
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        _ => "—",
    };

    private static string Rate(long? bytesPerSecond) => bytesPerSecond switch
    {
        null => "—",
        >= 1 << 20 => (bytesPerSecond.Value / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB/s",
        >= 1 << 10 => (bytesPerSecond.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB/s",
        _ => bytesPerSecond.Value.ToString(CultureInfo.InvariantCulture) + " B/s",
    };
}
