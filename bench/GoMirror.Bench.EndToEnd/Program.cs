namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// The end-to-end benchmark harness. <c>--mode quick</c> (default) or <c>--mode full</c>; see
/// <see cref="BenchOptions"/> for the other options and docs/performance.md for what is measured. The
/// first argument <c>engine-child</c> runs <see cref="EngineChild"/> instead (the harness starts it), <c>toolchain</c>
/// runs <see cref="ToolchainBench"/>, <c>module-set</c> runs <see cref="ModuleSetBench"/>,
/// <c>serve</c> runs <see cref="ServeBench"/>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "engine-child")
        {
            return await EngineChild.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "toolchain")
        {
            return await ToolchainBench.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "serve")
        {
            return await ServeBench.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "module-set")
        {
            return await ModuleSetBench.RunAsync(args[1..]).ConfigureAwait(false);
        }

        var root = GoMirror.Testing.RepositoryRoot.Path;
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args, root);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync("GoMirror.Bench.EndToEnd: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        var results = await new Harness(options, root).RunAsync().ConfigureAwait(false);
        return results.Cold.Count > 0 || results.Failover is not null ? 0 : 1;
    }
}
