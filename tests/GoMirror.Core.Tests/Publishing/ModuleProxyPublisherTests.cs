using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GoMirror.Core.Publishing;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Publishing;

/// <summary>Whatever the publisher writes, Go must download from it as a GOPROXY, and extract exactly the files Go's zip rules keep.</summary>
public class ModuleProxyPublisherTests
{
    private const string NonBmpLetter = "\U00010400"; // DESERET CAPITAL LETTER LONG I: a letter outside the BMP

    private static readonly Dictionary<string, string> Kept = new(StringComparer.Ordinal)
    {
        ["go.mod"] = "module example.com/Upper/Pub\n\ngo 1.19\n",
        ["pub.go"] = "package pub\n\nconst Name = \"pub\"\n",
        ["internal/deep/deep.go"] = "package deep\n",
        ["vendor/kept.txt"] = "files directly in vendor/ stay\n",
        [$"data/{NonBmpLetter}.txt"] = "non-BMP name\n",
        ["-dash and space.txt"] = "Go allows these in file names\n",
        [".git"] = "a file named .git is not a VCS folder\n",
    };

    private static readonly Dictionary<string, string> Dropped = new(StringComparer.Ordinal)
    {
        ["nested/go.mod"] = "module example.com/Upper/Pub/nested\n",
        ["nested/nested.go"] = "package nested\n",
        ["vendor/example.com/dep/dep.go"] = "package dep\n",
        [".git_dir/.git/HEAD"] = "ref: refs/heads/main\n",
        [".hg/store"] = "hg\n",
        [".hg_archival.txt"] = "repo: 0\n",
    };

    [Fact]
    public void Go_downloads_a_published_module_and_extracts_the_sources_minus_the_exclusions()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), Kept.Concat(Dropped));
        var links = TryCreateLinks(source);
        var publisher = new ModuleProxyPublisher(temp.Combine("proxy"));

        var result = publisher.Publish(source, "example.com/Upper/Pub", "v1.0.0", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(File.Exists(temp.Combine("proxy", "example.com", "!upper", "!pub", "@v", "v1.0.0.zip")));
        Assert.Equal("v1.0.0\n", File.ReadAllText(temp.Combine("proxy", "example.com", "!upper", "!pub", "@v", "list")));
        Assert.Equal("{\"Version\":\"v1.0.0\",\"Time\":\"2024-05-06T07:08:09Z\"}", File.ReadAllText(temp.Combine("proxy", "example.com", "!upper", "!pub", "@v", "v1.0.0.info")));

        var run = GoToolchain.Run(temp.Path, ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(temp.Combine("proxy"))),
            "mod", "download", "-json", "example.com/Upper/Pub@v1.0.0").AssertSuccess();
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.TryGetProperty("Error", out var error), error.ToString());

        var extracted = ModuleSourceFolder.Read(json.RootElement.GetProperty("Dir").GetString()!);
        Assert.Equal(Kept.Keys.Order(StringComparer.Ordinal), extracted.Keys);
        foreach (var (path, text) in Kept)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(text), extracted[path]);
        }

        Assert.Equal(Kept["go.mod"], File.ReadAllText(json.RootElement.GetProperty("GoMod").GetString()!));
        Assert.Equal(Kept.Keys.Order(StringComparer.Ordinal), result.Files.Order(StringComparer.Ordinal));
        foreach (var (path, reason) in links)
        {
            Assert.Contains(new OmittedPath(path, reason), result.Omitted);
        }

        Assert.Contains(new OmittedPath("nested", OmissionReason.NestedModule), result.Omitted);
        Assert.Contains(new OmittedPath("vendor/example.com/dep/dep.go", OmissionReason.Vendored), result.Omitted);
        Assert.Contains(new OmittedPath(".git_dir/.git", OmissionReason.VersionControl), result.Omitted);
        Assert.Contains(new OmittedPath(".hg", OmissionReason.VersionControl), result.Omitted);
        Assert.Contains(new OmittedPath(".hg_archival.txt", OmissionReason.HgArchival), result.Omitted);
    }

    [Fact]
    public void The_same_sources_give_the_same_bytes_whatever_order_the_files_were_created_in()
    {
        using var temp = new TempDirectory("publish");
        var files = Kept.Concat(Dropped).ToList();
        var first = ModuleSourceFolder.Write(temp.Combine("a"), files);
        var second = ModuleSourceFolder.Write(temp.Combine("b"), Enumerable.Reverse(files));
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(new ModuleProxyPublisher(temp.Combine("p1")).Publish(first, "example.com/Upper/Pub", "v1.0.0", time).Succeeded);
        Assert.True(new ModuleProxyPublisher(temp.Combine("p2")).Publish(second, "example.com/Upper/Pub", "v1.0.0", time).Succeeded);
        var again = new ModuleProxyPublisher(temp.Combine("p2")).Publish(second, "example.com/Upper/Pub", "v1.0.0", time);

        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        var one = ModuleSourceFolder.Read(temp.Combine("p1"));
        var two = ModuleSourceFolder.Read(temp.Combine("p2"));
        Assert.Equal(one.Keys, two.Keys);
        Assert.All(one, f => Assert.Equal(f.Value, two[f.Key]));
    }

    [Fact]
    public void A_module_without_go_mod_is_served_with_a_module_line_only()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("legacy.go", "package legacy\n")]);

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/legacy", "v1.0.0");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var run = GoToolchain.Run(temp.Path, ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(temp.Combine("proxy"))),
            "mod", "download", "-json", "example.com/legacy@v1.0.0").AssertSuccess();
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("module example.com/legacy\n", File.ReadAllText(json.RootElement.GetProperty("GoMod").GetString()!));
        Assert.Equal(["legacy.go"], ModuleSourceFolder.Read(json.RootElement.GetProperty("Dir").GetString()!).Keys);
    }

    [Fact]
    public void List_holds_every_published_version_in_the_order_Go_sorts_them()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("go.mod", "module example.com/ordered\n"), new("o.go", "package ordered\n")]);
        var publisher = new ModuleProxyPublisher(temp.Combine("proxy"));
        foreach (var version in new[] { "v1.10.0", "v1.2.0", "v1.2.0-rc.1", "v1.2.0-beta.11", "v1.2.0-beta.2", "v0.9.0", "v1.2.0-beta" })
        {
            Assert.True(publisher.Publish(source, "example.com/ordered", version).Succeeded);
        }

        var run = GoToolchain.Run(temp.Path, ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(temp.Combine("proxy"))),
            "list", "-m", "-versions", "example.com/ordered").AssertSuccess();

        var goOrder = run.Stdout.Trim().Split(' ').Skip(1);
        var ours = File.ReadAllText(temp.Combine("proxy", "example.com", "ordered", "@v", "list"));
        Assert.EndsWith("\n", ours, StringComparison.Ordinal);
        Assert.Equal(goOrder, ours.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_source_tree_layout_publishes_each_module_version_folder()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("publish");
        ModuleSourceFolder.Write(temp.Combine("third_party", "example.com", "Acme", "Tool@v1.0.0"), [new("go.mod", "module example.com/Acme/Tool\n"), new("t.go", "package tool\n")]);
        ModuleSourceFolder.Write(temp.Combine("third_party", "example.com", "Acme", "Tool@v1.1.0"), [new("go.mod", "module example.com/Acme/Tool\n"), new("t.go", "package tool\n\nconst V = 2\n")]);
        ModuleSourceFolder.Write(temp.Combine("third_party", "gopkg.in", "x", "y.v2@v2.0.0"), [new("go.mod", "module gopkg.in/x/y.v2\n"), new("y.go", "package y\n")]);

        var results = new ModuleProxyPublisher(temp.Combine("proxy")).PublishSourceTree(temp.Combine("third_party"));

        Assert.Equal(["example.com/Acme/Tool@v1.0.0", "example.com/Acme/Tool@v1.1.0", "gopkg.in/x/y.v2@v2.0.0"], results.Select(r => r.ModulePath + "@" + r.Version));
        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics)));
        GoToolchain.Run(temp.Path, ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(temp.Combine("proxy"))),
            "mod", "download", "-json", "example.com/Acme/Tool@v1.1.0", "gopkg.in/x/y.v2@v2.0.0").AssertSuccess();
    }

    [Fact]
    public void A_source_tree_folder_with_an_invalid_version_is_GOMIRROR0251_next_to_the_valid_ones()
    {
        using var temp = new TempDirectory("publish");
        ModuleSourceFolder.Write(temp.Combine("third_party", "example.com", "m@v1"), [new("go.mod", "module example.com/m\n")]);
        ModuleSourceFolder.Write(temp.Combine("third_party", "example.com", "m@v1.0.0"), [new("go.mod", "module example.com/m\n")]);
        ModuleSourceFolder.Write(temp.Combine("third_party", "example.com", "m@master"), [new("go.mod", "module example.com/m\n")]);

        var results = new ModuleProxyPublisher(temp.Combine("proxy")).PublishSourceTree(temp.Combine("third_party"));

        Assert.Equal(["master", "v1", "v1.0.0"], results.Select(r => r.Version));
        Assert.Equal(["GOMIRROR0251", "GOMIRROR0251"], results.Take(2).Select(r => Assert.Single(r.Diagnostics).Code));
        Assert.True(results[2].Succeeded, string.Join("\n", results[2].Diagnostics));
    }

    // Links and pipes need privileges or tools some machines lack; the test checks whichever could be made.
    private static List<(string Path, OmissionReason Reason)> TryCreateLinks(string source)
    {
        var made = new List<(string, OmissionReason)>();
        try
        {
            File.CreateSymbolicLink(Path.Combine(source, "link.go"), "pub.go");
            made.Add(("link.go", OmissionReason.SymbolicLink));
            Directory.CreateSymbolicLink(Path.Combine(source, "linkdir"), "internal");
            made.Add(("linkdir", OmissionReason.SymbolicLink));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Windows without developer mode cannot create links.
        }

        if (!OperatingSystem.IsWindows() && File.Exists("/usr/bin/mkfifo"))
        {
            using var mkfifo = Process.Start("/usr/bin/mkfifo", Path.Combine(source, "pipe"));
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode == 0)
            {
                made.Add(("pipe", OmissionReason.IrregularFile));
            }
        }

        return made;
    }
}
