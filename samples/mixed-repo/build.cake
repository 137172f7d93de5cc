// The sample's own Cake build: the Go component's modules through the GoMirror Cake addin (policy check,
// cache pre-warm, go mod download, reports), then `go build` of the agent with the network off.
//   dotnet tool restore && dotnet cake                 (Cake.Tool 7 in the tool manifest)
//   dotnet cake --target=Go --artifacts=/tmp/out       (only the Go modules; reports under /tmp/out/gomirror)
#addin nuget:?package=Cake.GoMirror&version=0.1.0

var target = Argument("target", "Default");
var artifacts = MakeAbsolute(Directory(Argument("artifacts", "artifacts")));
var agent = Directory("tools/agent");

// The Go mirror policy of this repository: the values Directory.Build.props gives the MSBuild package.
var goMirror = new GoMirrorSettings
{
    // The third-party modules come from the proxy folder committed next to the sources, so the build needs no
    // network. A real repository names its mirror, e.g. "https://goproxy.corp.example|https://proxy.golang.org,direct".
    Proxy = new Uri(MakeAbsolute(Directory("goproxy")).FullPath + "/").AbsoluteUri.TrimEnd('/'),
    // These modules exist only in this sample: the public checksum database does not know them.
    NoSumDb = "example.com,gopkg.in/example",
    ReportDir = artifacts.Combine("gomirror"),
    ReportFormats = "json;markdown;junit;cyclonedx;codequality",
};

Task("Go")
    .Description("Checks the Go mirror policy, pre-warms the module cache from goproxy/, runs go mod download, writes the reports.")
    .Does(() =>
{
    var report = GoMirror(agent, goMirror);
    Information("GoMirror report {0}, fingerprint {1}", report.ReportFile, report.Fingerprint);
});

Task("Agent")
    .Description("Builds the Go agent from the warm module cache, with GOPROXY=off: nothing is downloaded here.")
    .IsDependentOn("Go")
    .Does(() =>
{
    var output = artifacts.CombineWithFilePath("bin/inventory-agent" + (IsRunningOnWindows() ? ".exe" : ""));
    var exit = StartProcess("go", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("build").Append("-trimpath").Append("-o").AppendQuoted(output.FullPath).Append("."),
        WorkingDirectory = agent,
        EnvironmentVariables = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=readonly" },
    });
    if (exit != 0)
    {
        throw new CakeException($"go build of {agent} failed with exit code {exit}");
    }

    Information("Built {0}", output);
});

Task("Default")
    .IsDependentOn("Agent");

RunTarget(target);
