// The repository's own build, run by Cake.Tool (see dotnet-tools.json) through ./build.sh or ./build.ps1.
// Cake.Frosting cannot be restored on the build machine, so this is a plain script.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var version = Argument("package-version", EnvironmentVariable("GOMIRROR_VERSION") ?? "0.1.0");

var root = MakeAbsolute(Directory(".."));
var solution = root.CombineWithFilePath("GoMirror.Build.sln");
var artifacts = root.Combine("artifacts");
var packages = artifacts.Combine("packages");
var testResults = artifacts.Combine("test-results");

var msbuildSettings = new DotNetMSBuildSettings()
    .WithProperty("Version", version)
    // Reused MSBuild nodes keep an old task dll loaded; a build script must not depend on them.
    .SetMaxCpuCount(null);
msbuildSettings.NoLogo = true;

Task("Clean")
    .Description("Deletes artifacts/.")
    .Does(() => CleanDirectory(artifacts));

Task("Build")
    .Description("Builds the solution.")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = msbuildSettings,
        EnvironmentVariables = new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1" },
    });
});

Task("Test")
    .Description("Runs every test project. Set GOMIRROR_REQUIRE_GO=1 to fail (not skip) tests that need Go.")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResults);
    try
    {
        DotNetTest(solution.FullPath, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            MSBuildSettings = msbuildSettings,
            Loggers = { "console;verbosity=normal", "trx" },
            ResultsDirectory = testResults,
            EnvironmentVariables = new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1" },
        });
    }
    finally
    {
        PrintTestTotals(testResults);
    }
});

// One plain closing line over every test project, e.g. "Tests: 120 passed, 0 failed, 2 skipped".
void PrintTestTotals(DirectoryPath results)
{
    long passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles(results.FullPath + "/**/*.trx"))
    {
        var counters = System.Xml.Linq.XDocument.Load(trx.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters == null) continue;
        long Read(string name) => long.TryParse((string)counters.Attribute(name), out var n) ? n : 0;
        passed += Read("passed");
        failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
        // The TRX logger leaves skipped tests out of "executed" without counting them anywhere else.
        skipped += Read("total") - Read("executed");
    }
    // Plain Console output: Cake colours format arguments, which would break the line for log parsers.
    Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
}

Task("Pack")
    .Description("Packs the NuGet packages into artifacts/packages/.")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(packages);
    DotNetPack(solution.FullPath, new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = packages,
        MSBuildSettings = msbuildSettings,
    });
});

Task("Sample")
    .Description("The main job: builds samples/mixed-repo with the freshly packed GoMirror.Build, through the sample's local proxy, and leaves its reports in artifacts/gomirror/.")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var sample = root.Combine("samples/mixed-repo");
    var app = sample.CombineWithFilePath("src/Inventory.App/Inventory.App.csproj");
    var sampleArtifacts = artifacts.Combine("sample");
    // A private packages folder: NuGet never re-extracts a version it has seen, so a shared one would
    // keep serving an older build of the same package version.
    var samplePackages = sampleArtifacts.Combine("packages");
    CleanDirectory(samplePackages);
    var reports = artifacts.Combine("gomirror");

    var settings = new DotNetMSBuildSettings()
        .WithProperty("GoMirrorVersion", version)
        .WithProperty("RestorePackagesPath", samplePackages.FullPath)
        .WithProperty("RestoreAdditionalProjectSources", packages.FullPath)
        .WithProperty("GoMirrorReportDir", reports.FullPath)
        .WithProperty("OutDir", sampleArtifacts.Combine("bin").FullPath + "/");
    settings.NoLogo = true;
    DotNetBuild(app.FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = settings,
        EnvironmentVariables = new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1" },
    });

    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(sampleArtifacts.CombineWithFilePath("bin/Inventory.App.dll").FullPath),
        WorkingDirectory = sample,
    });
    if (exit != 0)
    {
        throw new CakeException($"the sample application exited with {exit}");
    }

    var report = GetFiles(reports.FullPath + "/**/gomirror-report.json").FirstOrDefault()
        ?? throw new CakeException("the sample build left no gomirror-report.json under " + reports.FullPath);
    Information("Sample report: {0}", report.FullPath);
});

Task("SampleCake")
    .Description("Runs samples/mixed-repo/build.cake with the freshly packed Cake.GoMirror addin: the sample's Go pre-warm through this repository's own addin, then go build with GOPROXY=off.")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var sample = root.Combine("samples/mixed-repo");
    var work = artifacts.Combine("sample-cake");
    CleanDirectory(work);

    // The sample pins the published addin, as a real repository does. This run loads the package just packed
    // instead: a copy of the script whose #addin names artifacts/packages and this build's version, working
    // in the sample's folder. The addins go to a fresh folder, so no earlier build of the same version is reused.
    const string pinned = "#addin nuget:?package=Cake.GoMirror&version=0.1.0";
    var text = System.IO.File.ReadAllText(sample.CombineWithFilePath("build.cake").FullPath);
    if (!text.Contains(pinned))
    {
        throw new CakeException($"samples/mixed-repo/build.cake no longer contains '{pinned}'; update the SampleCake task");
    }

    var feed = new Uri(packages.FullPath + "/").AbsoluteUri;
    var script = work.CombineWithFilePath("build.cake");
    System.IO.File.WriteAllText(script.FullPath, text.Replace(
        pinned,
        $"#addin nuget:{feed}?package=Cake.GoMirror&version={version}\nContext.Environment.WorkingDirectory = new DirectoryPath(\"{sample.FullPath}\");"));

    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder()
            .Append("cake").AppendQuoted(script.FullPath)
            .AppendQuoted("--paths_addins=" + work.Combine("addins").FullPath)
            .AppendQuoted("--artifacts=" + work.FullPath),
        WorkingDirectory = root,
    });
    if (exit != 0)
    {
        throw new CakeException($"samples/mixed-repo/build.cake exited with {exit}");
    }

    var report = GetFiles(work.FullPath + "/gomirror/**/gomirror-report.json").FirstOrDefault()
        ?? throw new CakeException("the sample's Cake build left no gomirror-report.json under " + work.Combine("gomirror").FullPath);
    Information("Sample (Cake) report: {0}", report.FullPath);
});

Task("Bench")
    .Description("Benchmarks: micro-benchmarks, then the end-to-end harness; --bench-mode=quick (default) or full. Writes artifacts/bench/.")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var mode = Argument("bench-mode", "quick");
    if (mode != "quick" && mode != "full")
    {
        throw new Exception($"--bench-mode is quick or full, not '{mode}'");
    }

    var bench = artifacts.Combine("bench");
    EnsureDirectoryExists(bench);
    var run = new DotNetRunSettings { Configuration = configuration, NoBuild = true, NoRestore = true };

    // In-process (no per-benchmark project build); quick: BenchmarkDotNet's short job, full: its default job.
    var micro = new ProcessArgumentBuilder().Append("--filter").AppendQuoted("*").Append("--inProcess").Append("--artifacts").AppendQuoted(bench.Combine("micro").FullPath);
    if (mode == "quick")
    {
        micro.Append("--job short");
    }

    DotNetRun(root.CombineWithFilePath("bench/GoMirror.Bench.Micro/GoMirror.Bench.Micro.csproj").FullPath, micro, run);

    // The engine child runs from a ReadyToRun publish of the harness, so the engine is precompiled as the package ships it.
    var endToEnd = root.CombineWithFilePath("bench/GoMirror.Bench.EndToEnd/GoMirror.Bench.EndToEnd.csproj").FullPath;
    var child = bench.Combine("child");
    DotNetPublish(endToEnd, new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = "linux-x64",
        SelfContained = false,
        OutputDirectory = child,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishReadyToRun", "true"),
    });
    DotNetRun(endToEnd,
        new ProcessArgumentBuilder()
            .Append("--child").AppendQuoted(child.CombineWithFilePath("GoMirror.Bench.EndToEnd.dll").FullPath)
            .Append("--mode").Append(mode)
            .Append("--out").AppendQuoted(bench.FullPath)
            .Append("--package-source").AppendQuoted(packages.FullPath)
            .Append("--package-version").Append(version),
        run);
});

Task("Default")
    .Description("The main job on the bundled sample: dotnet build with GoMirror.Build, then the sample's Cake build with Cake.GoMirror.")
    .IsDependentOn("Sample")
    .IsDependentOn("SampleCake");

RunTarget(target);
