using System.Text.Json;
using System.Text.RegularExpressions;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Script;

/// <summary>
/// The addin as users get it: packed, loaded by <c>#addin</c> from a folder feed into a real <c>dotnet cake</c>
/// run, warming a module cache through a proxy this test serves. Go is the oracle: afterwards it must accept
/// the cache with the network off.
/// </summary>
[Collection(CakeScriptCollection.Name)]
public sealed partial class GoMirrorScriptTests(AddinFeed feed, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new("cake-gomirror-e2e");

    [Fact]
    public async Task GoMirror_warms_the_cache_through_the_proxy_so_Go_downloads_and_verifies_offline()
    {
        GoToolchain.Require();
        var component = CreateComponent();
        await using var server = await TestProxyServer.StartAsync(Proxy, cancellationToken: TestContext.Current.CancellationToken);
        var modCache = _temp.Combine("modcache");
        var reports = _temp.Combine("reports");
        using var script = new CakeScript(feed, $$"""
            var report = GoMirror({{Literal(Path.Combine(component, "go.mod"))}}, new GoMirrorSettings
            {
                Proxy = {{Literal(server.Url)}},
                NoSumDb = "example.com",
                ModCache = {{Literal(modCache)}},
                ReportDir = {{Literal(reports)}},
                ReportFormats = "json;junit",
            });
            // Plain Console: Cake's log colours arguments.
            Console.WriteLine("SCRIPT report=" + report.ReportFile.FullPath + " fingerprint=" + report.Fingerprint);
            """);

        var run = script.Run(GoLocations());
        output.WriteLine($"dotnet cake took {run.Duration.TotalSeconds:F1} s");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.NotEmpty(server.RequestsMatching("**/@v/v1.0.0.zip"));
        var reported = ScriptLine().Match(run.Output);
        Assert.True(reported.Success, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(reported.Groups["report"].Value));
        Assert.Equal(reported.Groups["fingerprint"].Value, json.RootElement.GetProperty("fingerprint").GetString());

        var offline = new Dictionary<string, string>(GoLocations()) { ["GOMODCACHE"] = modCache, ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["GOSUMDB"] = "off" };
        GoToolchain.Run(component, offline, "mod", "download", "-x").AssertSuccess();
        var verify = GoToolchain.Run(component, offline, "mod", "verify").AssertSuccess();
        Assert.Contains("all modules verified", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_a_user_sets_do_what_the_docs_say_through_the_packed_addin()
    {
        GoToolchain.Require();
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the go wrapper that logs each run is a POSIX shell script");
            return;
        }

        // Two components needing the same modules: one call pre-warms each version once.
        var component = CreateComponent();
        var second = _temp.Combine("app2");
        Directory.CreateDirectory(second);
        foreach (var file in new[] { "go.mod", "go.sum", "main.go" })
        {
            File.Copy(Path.Combine(component, file), Path.Combine(second, file));
        }

        File.WriteAllText(Path.Combine(second, "go.mod"), File.ReadAllText(Path.Combine(second, "go.mod")).Replace("module example.com/app", "module example.com/app2", StringComparison.Ordinal));
        var invocations = _temp.Combine("go-invocations.log");
        var wrapper = _temp.Combine("go-wrapper");
        File.WriteAllText(wrapper, $"#!/bin/sh\necho \"$* | GOPROXY=$GOPROXY\" >> '{invocations}'\nexec '{GoToolchain.Require()}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var server = await TestProxyServer.StartAsync(Proxy, cancellationToken: TestContext.Current.CancellationToken);
        server.Latency = TimeSpan.FromMilliseconds(20);
        var reports = _temp.Combine("reports");
        using var script = new CakeScript(feed, $$"""
            var report = GoMirror(new Cake.Core.IO.Path[] { new DirectoryPath({{Literal(component)}}), new DirectoryPath({{Literal(second)}}) }, new GoMirrorSettings
            {
                Proxy = {{Literal(server.Url)}},
                NoSumDb = "example.com",
                ModCache = {{Literal(_temp.Combine("modcache"))}},
                ReportDir = {{Literal(reports)}},
                ReportFormats = "json;junit;cyclonedx",
                Offline = true,
                MaxParallel = 1,
                ToolPath = {{Literal(wrapper)}},
            });
            Console.WriteLine("SCRIPT report=" + report.ReportFile.FullPath + " fingerprint=" + report.Fingerprint);
            """);

        var run = script.Run(GoLocations());
        output.WriteLine($"dotnet cake took {run.Duration.TotalSeconds:F1} s");

        Assert.True(run.ExitCode == 0, run.Output);

        // One fetch of each version for both components, one version at a time (MaxParallel).
        Assert.Single(server.RequestsMatching("/example.com/greet/@v/v1.0.0.zip"));
        Assert.Single(server.RequestsMatching("/example.com/!upper/!words/@v/v1.0.0.zip"));
        Assert.Equal(1, server.ModulesInFlightPeak);
        Assert.Contains("up to 1 at once.", run.Output, StringComparison.Ordinal);

        // ToolPath runs every go; Offline: go mod download per component, then again with GOPROXY=off.
        var downloads = File.ReadAllLines(invocations).Where(l => l.StartsWith("mod download", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, downloads.Count);
        Assert.Equal([false, false, true, true], downloads.Select(l => l.EndsWith("GOPROXY=off", StringComparison.Ordinal)));

        // ReportFormats: exactly those files; ReportFile: the json one.
        var reported = ScriptLine().Match(run.Output);
        Assert.True(reported.Success, run.Output);
        var reportFile = reported.Groups["report"].Value;
        Assert.Equal(reports, Path.GetDirectoryName(Path.GetDirectoryName(reportFile)));
        Assert.Equal(["gomirror-junit.xml", "gomirror-report.json", "gomirror-sbom.cdx.json"], Directory.GetFiles(Path.GetDirectoryName(reportFile)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("offline proof", File.ReadAllText(reportFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoMirrorPackModules_packs_and_pushes_to_a_folder_feed_and_a_second_script_warms_from_it_alone()
    {
        GoToolchain.Require();
        var component = CreateComponent();
        await using var server = await TestProxyServer.StartAsync(Proxy, cancellationToken: TestContext.Current.CancellationToken);
        var modules = _temp.Combine("feed");
        var packages = _temp.Combine("packages");
        using var pack = new CakeScript(feed, $$"""
            var packages = GoMirrorPackModules({{Literal(component)}}, new GoMirrorSettings
            {
                Proxy = {{Literal(server.Url)}},
                NoSumDb = "example.com",
                ModCache = {{Literal(_temp.Combine("cold-modcache"))}},
                ReportDir = {{Literal(_temp.Combine("reports"))}},
                ModuleSetSource = {{Literal(modules)}},
                ModuleSetPush = true,
                ModuleSetOutput = new DirectoryPath({{Literal(packages)}}),
            });
            foreach (var package in packages)
            {
                Console.WriteLine("SCRIPT package=" + package.FullPath);
            }
            """);

        var packed = pack.Run(GoLocations());
        output.WriteLine($"dotnet cake (pack, push) took {packed.Duration.TotalSeconds:F1} s");

        Assert.True(packed.ExitCode == 0, packed.Output);
        var written = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        Assert.Equal(["SCRIPT package=" + written], packed.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("SCRIPT ", StringComparison.Ordinal)));
        // The pre-warm pushed the set it had just fetched; the pack wrote the same deterministic bytes.
        Assert.Equal(File.ReadAllBytes(written), File.ReadAllBytes(Assert.Single(Directory.GetFiles(modules, "*.nupkg", SearchOption.AllDirectories))));
        Assert.Equal(2, server.RequestsMatching("**/*.zip").Count);

        server.ClearRequests();
        var modCache = _temp.Combine("modcache");
        using var pull = new CakeScript(feed, $$"""
            var report = GoMirror({{Literal(component)}}, new GoMirrorSettings
            {
                Proxy = {{Literal(server.Url)}},
                NoSumDb = "example.com",
                ModCache = {{Literal(modCache)}},
                ReportDir = {{Literal(_temp.Combine("reports"))}},
                ModuleSetSource = {{Literal(modules)}},
            });
            Console.WriteLine("SCRIPT report=" + report.ReportFile.FullPath + " fingerprint=" + report.Fingerprint);
            """);

        var pulled = pull.Run(GoLocations());
        output.WriteLine($"dotnet cake (pull) took {pulled.Duration.TotalSeconds:F1} s");

        Assert.True(pulled.ExitCode == 0, pulled.Output);
        Assert.Empty(server.Requests);
        var reported = ScriptLine().Match(pulled.Output);
        Assert.True(reported.Success, pulled.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(reported.Groups["report"].Value));
        var set = Assert.Single(json.RootElement.GetProperty("environment").GetProperty("moduleSets").EnumerateArray());
        Assert.Equal("pulled", set.GetProperty("outcome").GetString());
        Assert.Equal(["example.com/Upper/Words@v1.0.0", "example.com/greet@v1.0.0"], set.GetProperty("modules").EnumerateArray().Select(m => m.GetString()));

        var offline = new Dictionary<string, string>(GoLocations()) { ["GOMODCACHE"] = modCache, ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["GOSUMDB"] = "off" };
        GoToolchain.Run(component, offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(component, offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_policy_makes_the_script_exit_non_zero_with_the_code_in_its_output()
    {
        var component = _temp.Combine("app");
        Directory.CreateDirectory(component);
        File.WriteAllText(Path.Combine(component, "go.mod"), "module example.com/app\n\ngo 1.19\n");
        using var script = new CakeScript(feed, $$"""
            Task("Go").Does(() => GoMirror({{Literal(component)}}, new GoMirrorSettings { Proxy = "ftp://mirror.example" }));
            RunTarget("Go");
            """);

        var run = script.Run(GoLocations());
        output.WriteLine($"dotnet cake took {run.Duration.TotalSeconds:F1} s");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error GOMIRROR0002", run.Output, StringComparison.Ordinal);
        Assert.Contains("Cake setting GoMirrorSettings.Proxy", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private ModuleProxyFolder Proxy => field ??= new ModuleProxyFolder(_temp.Combine("proxy"));

    // Go's own folders for this test only, so nothing is read from or written to the user's.
    private Dictionary<string, string> GoLocations() => new()
    {
        ["GOPATH"] = _temp.Combine("gopath"),
        ["GOCACHE"] = _temp.Combine("gocache"),
        ["GOENV"] = "off",
    };

    /// <summary>A Go component requiring two modules of the test proxy, with the go.sum Go itself wrote.</summary>
    private string CreateComponent()
    {
        Proxy.Add("example.com/greet", "v1.0.0", new Dictionary<string, byte[]>
        {
            ["greet.go"] = "package greet\n\nfunc Hello() string { return \"hello\" }\n"u8.ToArray(),
        });
        Proxy.Add("example.com/Upper/Words", "v1.0.0", new Dictionary<string, byte[]>
        {
            ["words.go"] = "package words\n\nconst Word = \"word\"\n"u8.ToArray(),
        });
        var component = _temp.Combine("app");
        Directory.CreateDirectory(component);
        File.WriteAllText(Path.Combine(component, "go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/greet v1.0.0\n\texample.com/Upper/Words v1.0.0\n)\n");
        File.WriteAllText(Path.Combine(component, "main.go"), "package main\n\nimport (\n\t\"example.com/Upper/Words\"\n\t\"example.com/greet\"\n)\n\nfunc main() { println(greet.Hello(), words.Word) }\n");
        var tidy = new Dictionary<string, string>(GoLocations())
        {
            ["GOMODCACHE"] = _temp.Combine("tidy-cache"),
            ["GOPROXY"] = Proxy.FileUrl,
            ["GOFLAGS"] = "-mod=mod",
            ["GOSUMDB"] = "off",
        };
        GoToolchain.Run(component, tidy, "mod", "tidy").AssertSuccess();
        Assert.True(File.Exists(Path.Combine(component, "go.sum")));
        return component;
    }

    private static string Literal(string text) => JsonSerializer.Serialize(text);

    [GeneratedRegex("^SCRIPT report=(?<report>.+) fingerprint=(?<fingerprint>sha256:[0-9a-f]{64})\r?$", RegexOptions.Multiline)]
    private static partial Regex ScriptLine();
}
