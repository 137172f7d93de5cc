using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace GoMirror.Bench.Micro;

/// <summary>
/// One configuration for every benchmark: each class has a baseline measured in the same run and the
/// summary shows the ratio to it (speed is reported relative, never as absolute times alone), allocations,
/// and a JSON and Markdown export for docs/performance.md. The job (default or <c>--job short</c>) comes
/// from the command line.
/// </summary>
public static class BenchConfig
{
    /// <summary>The configuration.</summary>
    public static IConfig Create() =>
        ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
            .WithOption(ConfigOptions.JoinSummary, false);
}
