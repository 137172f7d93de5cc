using System.Text;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Tests.Modules;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoMod;

public class GoSumTests
{
    private const string HashA = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string HashB = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private const string HashC = "h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=";

    [Fact]
    public void Reads_entries_with_lines_and_answers_what_to_download()
    {
        var text = $"example.com/a v1.0.0 {HashA}\r\n\n  example.com/a   v1.0.0/go.mod\t{HashB}\nexample.com/b v0.1.0/go.mod {HashC}\n";
        var result = GoSumFile.Read("go.sum", text);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Diagnostics);
        var sum = result.File;
        Assert.Equal(3, sum.Entries.Count);
        Assert.True(sum.TryGetZipHash("example.com/a", "v1.0.0", out var zip));
        Assert.Equal((HashA, 1, false), (zip.Hash, zip.Line, zip.IsGoModHash));
        Assert.True(sum.TryGetGoModHash("example.com/a", "v1.0.0", out var mod));
        Assert.Equal((HashB, 3, true), (mod.Hash, mod.Line, mod.IsGoModHash));
        Assert.Equal(new ModuleVersion("example.com/a", "v1.0.0"), mod.BareModule);
        Assert.False(sum.TryGetZipHash("example.com/b", "v0.1.0", out _));
        Assert.False(sum.TryGetGoModHash("example.com/c", "v1.0.0", out _));
        Assert.Equal([new ModuleVersion("example.com/a", "v1.0.0")], sum.ModulesNeedingZip);
        Assert.Equal([new ModuleVersion("example.com/b", "v0.1.0")], sum.ModulesNeedingOnlyGoMod);
    }

    [Fact]
    public void Malformed_lines_are_reported_with_their_line_and_the_rest_is_kept()
    {
        var result = GoSumFile.Read("/r/go.sum", $"example.com/a v1.0.0 {HashA}\nexample.com/a v1.0.0/go.mod\n<<<<<<< HEAD\nexample.com/b v1.0.0 {HashB}\n");

        Assert.False(result.Succeeded);
        Assert.Equal([("GOMIRROR0140", 2), ("GOMIRROR0140", 3)], result.Diagnostics.Select(d => (d.Code, d.Location!.Line)));
        Assert.Contains("wrong number of fields 2", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.File.Entries.Count);
    }

    [Fact]
    public void Conflicting_hashes_warn_and_the_first_is_expected()
    {
        var result = GoSumFile.Read("go.sum", $"example.com/a v1.0.0 {HashB}\nexample.com/a v1.0.0 {HashA}\nexample.com/a v1.0.0 {HashB}\n");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("GOMIRROR0141", 2), (warning.Code, warning.Location!.Line));
        Assert.True(result.Succeeded);
        Assert.True(result.File.TryGetZipHash("example.com/a", "v1.0.0", out var first));
        Assert.Equal((HashB, 1), (first.Hash, first.Line));
        Assert.Equal(3, result.File.EntriesFor(new ModuleVersion("example.com/a", "v1.0.0")).Count);
        Assert.Equal($"example.com/a v1.0.0 {HashA}\nexample.com/a v1.0.0 {HashB}\n", result.File.Format());
    }

    [Fact]
    public void Empty_go_mod_hash_lines_are_dropped_as_go_drops_them()
    {
        var result = GoSumFile.Read("go.sum", $"example.com/a v1.0.0/go.mod {GoSumEntry.EmptyGoModHash}\nexample.com/a v1.0.0 {HashA}\n");

        Assert.Equal(("GOMIRROR0142", 1), (result.Diagnostics.Single().Code, result.Diagnostics.Single().Location!.Line));
        Assert.Single(result.File.Entries);
        Assert.Equal($"example.com/a v1.0.0 {HashA}\n", result.File.Format());
    }

    [Fact]
    public void Writer_sorts_groups_and_deduplicates_hashes()
    {
        var a1 = new ModuleVersion("example.com/a", "v1.0.0");
        GoSumEntry[] entries =
        [
            GoSumEntry.ForGoMod(new ModuleVersion("example.com/b", "v1.10.0"), HashC),
            GoSumEntry.ForZip(a1, HashB),
            GoSumEntry.ForGoMod(a1, HashC),
            GoSumEntry.ForZip(new ModuleVersion("example.com/b", "v1.9.0"), HashA),
            GoSumEntry.ForZip(a1, HashA),
            GoSumEntry.ForZip(a1, HashB),
        ];

        Assert.Equal(
            $"example.com/a v1.0.0 {HashA}\nexample.com/a v1.0.0 {HashB}\nexample.com/a v1.0.0/go.mod {HashC}\n"
            + $"example.com/b v1.9.0 {HashA}\nexample.com/b v1.10.0/go.mod {HashC}\n",
            GoSumWriter.Format(entries));
        Assert.Equal(string.Empty, GoSumWriter.Format([]));
    }

    [Fact]
    public void Missing_go_sum_is_empty_as_for_go()
    {
        using var temp = new TempDirectory();
        var result = GoSumFile.ReadFile(temp.Combine("go.sum"));
        Assert.True(result.Succeeded);
        Assert.Empty(result.File.Entries);
    }

    [Fact]
    public void Rewriting_gos_own_go_sum_after_shuffling_gives_the_same_bytes()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var source = new Dictionary<string, byte[]> { ["x.go"] = Encoding.UTF8.GetBytes("package x\n") };
        // One version of each module is in the build list; the other versions reach go.sum as /go.mod lines
        // through the requirements of example.com/depN, the way real module graphs produce them (go 1.16 turns
        // off graph pruning, so Go reads the go.mod of every version in the graph).
        var pseudo = PseudoVersion.Create(string.Empty, "v1.2.3", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), "abcdefabcdef");
        string[] modules =
        [
            "example.com/Upper/Mod@v1.0.0", "example.com/Upper/Mod@v1.1.0-rc.1", "example.com/Upper/Mod@v1.1.0",
            "example.com/multi@v1.0.0", "example.com/multi@v1.2.0-beta.1", "example.com/multi@v1.2.0-beta.2",
            "example.com/multi@v1.2.0", "example.com/multi@v1.9.0", "example.com/multi@v1.10.0",
            "example.com/multi/v2@v2.0.0", "example.com/old@v2.0.0+incompatible", "example.com/pseudo@" + pseudo,
            "gopkg.in/yaml.v2@v2.4.0",
        ];
        foreach (var module in modules)
        {
            var (path, version) = Split(module);
            proxy.Add(path, version, source, goMod: version.EndsWith("+incompatible", StringComparison.Ordinal) ? $"module {path}\n" : null);
        }

        var requires = new StringBuilder();
        var dep = 0;
        foreach (var module in modules.Where(m => m.StartsWith("example.com/multi@", StringComparison.Ordinal) || m.StartsWith("example.com/Upper/Mod@", StringComparison.Ordinal)).SkipLast(1))
        {
            var (path, version) = Split(module);
            var depPath = $"example.com/dep{++dep}";
            proxy.Add(depPath, "v1.0.0", source, goMod: $"module {depPath}\n\ngo 1.16\n\nrequire {path} {version}\n");
            requires.Append('\t').Append(depPath).Append(" v1.0.0\n");
        }

        foreach (var module in new[] { "example.com/Upper/Mod@v1.1.0", "example.com/multi@v1.10.0", "example.com/multi/v2@v2.0.0", "example.com/old@v2.0.0+incompatible", "example.com/pseudo@" + pseudo, "gopkg.in/yaml.v2@v2.4.0" })
        {
            var (path, version) = Split(module);
            requires.Append('\t').Append(path).Append(' ').Append(version).Append('\n');
        }

        var dir = OfflineGo.ModuleFolder(temp, $"module example.com/main\n\ngo 1.16\n\nrequire (\n{requires})\n");
        GoToolchain.Run(dir, OfflineGo.Environment(temp, proxy.FileUrl), "mod", "download", "all").AssertSuccess();
        var goSumPath = Path.Combine(dir, "go.sum");
        var written = File.ReadAllText(goSumPath);

        var lines = written.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > modules.Length + dep, written);
        // A fixed permutation far from sorted: by the text read backwards.
        var shuffled = string.Join('\n', lines.OrderBy(l => new string([.. l.Reverse()]), StringComparer.Ordinal)) + "\n";
        Assert.NotEqual(written, shuffled);
        var read = GoSumFile.Read(goSumPath, shuffled);

        Assert.Empty(read.Diagnostics);
        Assert.Equal(written, read.File.Format());
        foreach (var module in modules)
        {
            var (path, version) = Split(module);
            Assert.True(read.File.TryGetGoModHash(path, version, out _), module);
        }

        Assert.Contains(new ModuleVersion("example.com/multi", "v1.2.0-beta.2"), read.File.ModulesNeedingOnlyGoMod);
        Assert.Contains(new ModuleVersion("example.com/Upper/Mod", "v1.1.0-rc.1"), read.File.ModulesNeedingOnlyGoMod);
        Assert.Contains(new ModuleVersion("example.com/multi", "v1.10.0"), read.File.ModulesNeedingZip);

        // Our escaping names the folders and files Go created in its cache for the same module versions.
        foreach (var module in read.File.ModulesNeedingZip.Concat(read.File.ModulesNeedingOnlyGoMod))
        {
            Assert.True(ModuleEscaping.TryEscapePath(module.Path, out var escapedPath, out _));
            Assert.True(ModuleEscaping.TryEscapeVersion(module.Version, out var escapedVersion, out _));
            Assert.True(File.Exists(Path.Combine(temp.Combine("modcache"), "cache", "download", escapedPath, "@v", escapedVersion + ".mod")), module.ToString());
            var extracted = Directory.Exists(Path.Combine(temp.Combine("modcache"), escapedPath + "@" + escapedVersion));
            Assert.Equal(read.File.ModulesNeedingZip.Contains(module), extracted);
        }

        // Go accepts what we write back: a build against it finds every hash it needs.
        GoSumWriter.WriteFile(goSumPath, read.File.Entries.Reverse());
        var env = OfflineGo.Environment(temp, "off");
        env["GOFLAGS"] = "-mod=readonly";
        GoToolchain.Run(dir, env, "list", "-m", "all").AssertSuccess();
        Assert.Equal(written, File.ReadAllText(goSumPath));
    }

    [Fact]
    public void Go_rejects_a_malformed_go_sum_that_we_report()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        proxy.Add("example.com/dep", "v1.0.0", new Dictionary<string, byte[]> { ["dep.go"] = Encoding.UTF8.GetBytes("package dep\n\nconst X = 1\n") });
        var dir = OfflineGo.ModuleFolder(temp, "module example.com/main\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n");
        File.WriteAllText(Path.Combine(dir, "main.go"), "package main\n\nimport \"example.com/dep\"\n\nfunc main() { _ = dep.X }\n");
        GoToolchain.Run(dir, OfflineGo.Environment(temp, proxy.FileUrl), "mod", "download", "example.com/dep@v1.0.0").AssertSuccess();
        var goSumPath = Path.Combine(dir, "go.sum");
        File.WriteAllText(goSumPath, "example.com/dep v1.0.0\n" + File.ReadAllText(goSumPath));

        var ours = GoSumFile.ReadFile(goSumPath);
        var env = OfflineGo.Environment(temp, "off");
        env["GOFLAGS"] = "-mod=readonly";
        var run = GoToolchain.Run(dir, env, "build", "./...");

        Assert.Equal(("GOMIRROR0140", 1), (ours.Diagnostics.Single().Code, ours.Diagnostics.Single().Location!.Line));
        Assert.NotEqual(0, run.ExitCode);
        // Go 1.20+ stops with "malformed go.sum"; Go 1.19 ignores the rest of the file and misses the hashes.
        Assert.True(
            run.Stderr.Contains("malformed go.sum", StringComparison.Ordinal) || run.Stderr.Contains("missing go.sum entry", StringComparison.Ordinal),
            run.Stderr);
    }

    private static (string Path, string Version) Split(string module)
    {
        var at = module.IndexOf('@', StringComparison.Ordinal);
        return (module[..at], module[(at + 1)..]);
    }
}
