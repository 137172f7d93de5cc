// Regenerates the sample's goproxy/ folder from third_party/<module path>@<version>/ folders.
// Usage: dotnet run --project build/PublishThirdParty [third_party folder] [goproxy folder]
using GoMirror.Core.Publishing;

var sample = FindSampleRoot();
var sources = args.Length > 0 ? args[0] : Path.Combine(sample, "third_party");
var proxy = args.Length > 1 ? args[1] : Path.Combine(sample, "goproxy");

// goproxy/ is generated: start from nothing so removed modules disappear, and write a fixed time so
// the output is the same on every machine (the repository's tests compare it byte for byte).
if (Directory.Exists(proxy))
{
    Directory.Delete(proxy, recursive: true);
}

var failed = false;
foreach (var result in new ModuleProxyPublisher(proxy).PublishSourceTree(sources, PublishTime.FixedEpoch))
{
    Console.WriteLine($"{result.ModulePath}@{result.Version}: {(result.Succeeded ? $"{result.Files.Count} files" : "failed")}");
    foreach (var diagnostic in result.Diagnostics)
    {
        Console.Error.WriteLine(diagnostic);
        failed |= diagnostic.IsError;
    }
}

return failed ? 1 : 0;

static string FindSampleRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (Directory.Exists(Path.Combine(dir.FullName, "third_party")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
