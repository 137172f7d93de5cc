using BenchmarkDotNet.Running;

namespace GoMirror.Bench.Micro;

/// <summary>
/// Runs the benchmarks chosen on the command line with BenchmarkDotNet's own switches, e.g.
/// <c>--filter '*' --job short --artifacts artifacts/bench/micro</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
}
