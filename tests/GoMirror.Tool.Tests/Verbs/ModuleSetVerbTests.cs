using GoMirror.Testing;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary><c>gomirror pack</c> and <c>gomirror prewarm --module-set-source</c> through the installed tool, end to
/// end: two packs from fresh caches are byte-identical, and a fresh cache warmed from the folder feed alone (the
/// mirror is empty) is one Go accepts offline.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ModuleSetVerbTests(InstalledTool tool)
{
    [Fact]
    public void Pack_is_deterministic_across_fresh_caches_and_a_fresh_cache_warms_from_the_packages_alone()
    {
        GoToolchain.Require();
        var scenario = new GoScenario(tool);
        scenario.CreateComponent();
        var environment = scenario.Environment();
        var feed = Path.Combine(scenario.Folder, "feed");

        string Pack(string cache, string output)
        {
            var run = tool.Run(scenario.Folder, environment, "pack", scenario.Component, "--proxy", scenario.Proxy.FileUrl, "--no-sumdb", "example.com", "--modcache", cache, "--module-set-output", output);
            Assert.True(run.ExitCode == 0, run.ToString());
            var package = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith(output, package, StringComparison.Ordinal);
            return package;
        }

        var first = Pack(Path.Combine(scenario.Folder, "cache-1"), feed);
        var second = Pack(Path.Combine(scenario.Folder, "cache-2"), Path.Combine(scenario.Folder, "again"));
        Assert.Equal(Path.GetFileName(first), Path.GetFileName(second));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));

        // The mirror is an empty folder: every module must come from the feed's package.
        var empty = Directory.CreateDirectory(Path.Combine(scenario.Folder, "empty-mirror")).FullName;
        var mirror = new Uri(empty + Path.DirectorySeparatorChar).AbsoluteUri;
        var warm = tool.Run(scenario.Folder, environment, "prewarm", scenario.Component, "--proxy", mirror, "--no-sumdb", "example.com", "--modcache", scenario.ModCache, "--module-set-source", feed, "--verbose");
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Contains("2 of them from module sets", warm.Stderr, StringComparison.Ordinal);

        var offline = new Dictionary<string, string>(environment) { ["GOMODCACHE"] = scenario.ModCache, ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["GOSUMDB"] = "off" };
        GoToolchain.Run(scenario.Component, offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(scenario.Component, offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);
    }
}
