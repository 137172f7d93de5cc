using System.IO.Compression;

namespace GoMirror.Testing.Toolchain;

/// <summary>
/// A Go toolchain module (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>) built at test time from an
/// installed Go, laid out as cmd/distpack's pack.go lays out the module: the GOROOT tree without <c>api/</c>,
/// <c>doc/</c>, <c>misc/</c>, <c>test/</c>; of <c>pkg/</c> only <c>pkg/include</c> and <c>pkg/tool/&lt;goos_goarch&gt;</c>
/// minus api/dist/distpack/metadata; <c>bin/go</c> and <c>bin/gofmt</c>; every <c>go.mod</c> renamed <c>_go.mod</c>;
/// every entry under the <c>golang.org/toolchain@&lt;version&gt;/</c> prefix; <c>.mod</c> is <c>module golang.org/toolchain</c>.
/// The trimmed form keeps only what the go command needs to find its GOROOT and run (bin/go, one pkg/tool entry, VERSION, go.env) plus two <c>_go.mod</c> files, for fast tests.
/// </summary>
public static class ToolchainModuleFixture
{
    /// <summary>The module path of Go toolchains.</summary>
    public const string ModulePath = "golang.org/toolchain";

    private static readonly Lazy<string> FullZip = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"gomirror-toolchain-full-{Environment.ProcessId}.zip");
        WriteZip(file, GoRoot123, ModulePrefix(ToolchainOf(GoRoot123), "linux", "amd64"), full: true);
        return file;
    });

    /// <summary>The installed Go 1.23's GOROOT.</summary>
    public static string GoRoot123 => "/usr/lib/go-1.23";

    /// <summary>The toolchain name in <paramref name="goRoot"/>'s VERSION file (<c>go1.23.5</c>).</summary>
    public static string ToolchainOf(string goRoot) => File.ReadLines(Path.Combine(goRoot, "VERSION")).First().Trim();

    /// <summary>The module version for a toolchain and platform: <c>v0.0.1-go1.23.5.linux-amd64</c>.</summary>
    public static string VersionOf(string toolchain, string goOs = "linux", string goArch = "amd64") => $"v0.0.1-{toolchain}.{goOs}-{goArch}";

    /// <summary>
    /// Writes the toolchain module of <paramref name="goRoot"/> into <paramref name="folder"/> (<c>.zip</c>, <c>.mod</c>,
    /// <c>.info</c>, <c>list</c>). <paramref name="full"/> packs the whole distribution (about 75 MB, built once per
    /// test process and copied); otherwise the trimmed tree.
    /// </summary>
    public static ProxiedModule Add(ModuleProxyFolder folder, string goRoot, bool full)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var toolchain = ToolchainOf(goRoot);
        var version = VersionOf(toolchain);
        var dir = folder.VersionDirectory(ModulePath);
        Directory.CreateDirectory(dir);
        var zip = Path.Combine(dir, version + ".zip");
        if (full && goRoot == GoRoot123)
        {
            File.Copy(FullZip.Value, zip, overwrite: true);
        }
        else
        {
            WriteZip(zip, goRoot, ModulePrefix(toolchain, "linux", "amd64"), full);
        }

        var mod = Path.Combine(dir, version + ".mod");
        File.WriteAllText(mod, "module golang.org/toolchain\n");
        File.WriteAllText(Path.Combine(dir, version + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2025-01-10T16:44:59Z\"}}\n");
        File.WriteAllText(Path.Combine(dir, "list"), version + "\n");
        return new ProxiedModule(ModulePath, version, zip, mod);
    }

    /// <summary>Replaces one file's bytes inside the module zip (a forged toolchain: same names, other bytes).</summary>
    public static void Forge(ProxiedModule module, string nameInTree, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var archive = ZipFile.Open(module.ZipFile, ZipArchiveMode.Update);
        var name = ModulePath + "@" + module.Version + "/" + nameInTree;
        archive.GetEntry(name)?.Delete();
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(content);
    }

    private static string ModulePrefix(string toolchain, string goOs, string goArch) => ModulePath + "@" + VersionOf(toolchain, goOs, goArch) + "/";

    private static void WriteZip(string zipPath, string goRoot, string prefix, bool full)
    {
        var files = full ? FullTree(goRoot) : TrimmedTree(goRoot);
        using var stream = File.Create(zipPath);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, source) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var entry = archive.CreateEntry(prefix + name, CompressionLevel.Fastest);
            entry.LastWriteTime = new DateTimeOffset(2025, 1, 10, 16, 44, 59, TimeSpan.Zero);
            using var target = entry.Open();
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        }
    }

    // The names as they appear in the module (go.mod renamed _go.mod) and the file each comes from.
    private static IEnumerable<(string Name, string Source)> FullTree(string goRoot)
    {
        foreach (var (name, source) in Walk(goRoot, string.Empty))
        {
            if (Keep(name))
            {
                yield return (Rename(name), source);
            }
        }
    }

    private static IEnumerable<(string Name, string Source)> TrimmedTree(string goRoot)
    {
        foreach (var name in new[] { "VERSION", "go.env", "bin/go", "bin/gofmt", "pkg/tool/linux_amd64/buildid", "src/go.mod", "src/cmd/go.mod" })
        {
            yield return (Rename(name), Path.Combine(goRoot, name));
        }
    }

    private static bool Keep(string name)
    {
        var top = name.Split('/')[0];
        if (top is "api" or "doc" or "misc" or "test" or ".git" or ".github" || name is ".gitattributes" or ".gitignore" or "VERSION.cache"
            || name.EndsWith("/.DS_Store", StringComparison.Ordinal) || name.EndsWith(".exe~", StringComparison.Ordinal)
            || name is "src/cmd/dist/dist")
        {
            return false;
        }

        if (top == "bin")
        {
            return name is "bin/go" or "bin/gofmt";
        }

        if (top == "pkg")
        {
            if (name.StartsWith("pkg/include/", StringComparison.Ordinal))
            {
                return true;
            }

            const string tools = "pkg/tool/linux_amd64/";
            return name.StartsWith(tools, StringComparison.Ordinal)
                && name[tools.Length..] is not ("api" or "dist" or "distpack" or "metadata");
        }

        return true;
    }

    private static string Rename(string name) =>
        name == "go.mod" || name.EndsWith("/go.mod", StringComparison.Ordinal) ? name[..^"go.mod".Length] + "_go.mod" : name;

    // Follows the symbolic links of Debian's layout (src -> ../../share/go-1.23/src) as the tar of a release would hold files.
    private static IEnumerable<(string Name, string Source)> Walk(string directory, string relative)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var name = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var path = entry.FullName;
            if (Directory.Exists(path))
            {
                foreach (var child in Walk(path, name))
                {
                    yield return child;
                }
            }
            else if (File.Exists(path))
            {
                yield return (name, path);
            }
        }
    }
}
