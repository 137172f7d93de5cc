using BenchmarkDotNet.Attributes;
using GoMirror.Core.GoMod;

namespace GoMirror.Bench.Micro;

/// <summary>
/// Reading a realistic 1,000-line go.sum (<see cref="GoSumFile.Read"/>) against the least any reader must do:
/// split the text into lines and each line into its fields. The ratio is what checking and indexing costs on top.
/// </summary>
[MemoryDiagnoser]
public class GoSumReadBenchmarks
{
    private readonly string _goSum = BenchData.GoSum(500);

    /// <summary>Baseline: split into lines and whitespace-separated fields, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int SplitLinesAndFields()
    {
        var fields = 0;
        foreach (var line in _goSum.Split('\n'))
        {
            fields += line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return fields;
    }

    /// <summary>The go.sum reader.</summary>
    [Benchmark]
    public int GoSumFileRead() => GoSumFile.Read("go.sum", _goSum).File.Entries.Count;
}
