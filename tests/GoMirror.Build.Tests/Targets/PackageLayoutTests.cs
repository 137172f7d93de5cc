using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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
        // The engine's one library, for the checksum database's Ed25519 signatures: MSBuild's task load context
        // finds it next to the engine.
        Assert.Contains("tasks/net10.0/BouncyCastle.Cryptography.dll", names);
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

    [Theory]
    [InlineData("GoMirror.Build")]
    [InlineData("GoMirror.Core")]
    public void Task_assemblies_ship_as_ReadyToRun_images_with_their_xml_docs(string assembly)
    {
        var nupkg = Path.Combine(feed.Directory, $"GoMirror.Build.{feed.Version}.nupkg");
        using var zip = ZipFile.OpenRead(nupkg);
        Assert.NotNull(zip.GetEntry($"tasks/net10.0/{assembly}.xml"));
        var entry = zip.GetEntry($"tasks/net10.0/{assembly}.dll");
        Assert.NotNull(entry);
        using var image = new MemoryStream();
        using (var packed = entry.Open())
        {
            packed.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new PEReader(image);
        var cor = pe.PEHeaders.CorHeader;
        Assert.NotNull(cor);
        // A ReadyToRun image carries its native code behind the managed native header; plain IL has none.
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, $"{assembly}.dll in the package is IL only, not a ReadyToRun image");
        // The IL stays next to it, so on any other platform the runtime JIT-compiles the methods as before.
        var metadata = pe.GetMetadataReader();
        var bodies = metadata.MethodDefinitions
            .Select(h => metadata.GetMethodDefinition(h).RelativeVirtualAddress)
            .Where(rva => rva != 0)
            .Select(rva => pe.GetMethodBody(rva).Size)
            .ToList();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, size => Assert.True(size > 0));
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
