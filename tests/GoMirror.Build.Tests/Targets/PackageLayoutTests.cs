using System.IO.Compression;
using GoMirror.Build.Tests.Infrastructure;

namespace GoMirror.Build.Tests.Targets;

[Collection(MSBuildCollection.Name)]
public class PackageLayoutTests(PackageFeed feed)
{
    [Fact]
    public void Package_is_a_development_dependency_with_tasks_and_all_three_build_folders()
    {
        var nupkg = Path.Combine(feed.Directory, $"GoMirror.Build.{feed.Version}.nupkg");
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("tasks/net10.0/GoMirror.Build.dll", names);
        Assert.Contains("tasks/net10.0/GoMirror.Core.dll", names);
        foreach (var folder in new[] { "build", "buildTransitive", "buildMultiTargeting" })
        {
            Assert.Contains($"{folder}/GoMirror.Build.props", names);
            Assert.Contains($"{folder}/GoMirror.Build.targets", names);
        }

        Assert.Contains("build/GoMirror.Work.proj", names);
        Assert.DoesNotContain(names, n => n.Contains("Microsoft.Build", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<dependency ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_finds_go_mod_files_and_skips_build_and_vendor_folders()
    {
        using var consumer = new ConsumerProject(feed, directoryBuildProps: "<GoMirrorDiscoverModules>true</GoMirrorDiscoverModules>");
        foreach (var dir in new[] { "app/tools/agent", "app/obj/x", "app/vendor/y", "app/testdata/z" })
        {
            Directory.CreateDirectory(consumer.Combine(dir));
            File.WriteAllText(consumer.Combine(dir, "go.mod"), "module example.com/x\n");
        }

        var result = InProcBuild.Run(consumer.ProjectFile, "_GoMirrorCollectModules");

        Assert.True(result.Succeeded, result.Log);
        Assert.Contains(result.Messages, m => m.StartsWith("GoMirror: discovered 1 Go module(s)", StringComparison.Ordinal));
    }
}
