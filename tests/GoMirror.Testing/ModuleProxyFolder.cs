using System.IO.Compression;
using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Testing;

/// <summary>
/// A GOPROXY laid out as plain files, the way <c>GOPROXY=file:///...</c> (and our test HTTP proxy) serves
/// it: <c>&lt;escaped module&gt;/@v/list</c>, <c>&lt;ver&gt;.info</c>, <c>.mod</c>, <c>.zip</c>. Tests
/// add generated modules to it and hand <see cref="FileUrl"/> to Go.
/// </summary>
public sealed class ModuleProxyFolder
{
    /// <summary>Uses (and creates) <paramref name="root"/> as the proxy folder.</summary>
    public ModuleProxyFolder(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The folder as a GOPROXY entry (<c>file:///abs/path</c>).</summary>
    public string FileUrl => new Uri(Path.GetFullPath(Root) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// Adds a module version. <paramref name="files"/> maps a path inside the module (forward slashes) to
    /// its content; a <c>go.mod</c> is added when missing. Returns the written version.
    /// </summary>
    public ProxiedModule Add(string modulePath, string version, IReadOnlyDictionary<string, byte[]>? files = null, string? goMod = null, DateTimeOffset? time = null)
    {
        goMod ??= files is not null && files.TryGetValue("go.mod", out var own) ? Encoding.UTF8.GetString(own) : $"module {modulePath}\n\ngo 1.19\n";
        var all = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (files is not null)
        {
            foreach (var (name, content) in files)
            {
                all[name] = content;
            }
        }

        all["go.mod"] = Encoding.UTF8.GetBytes(goMod);
        var dir = VersionDirectory(modulePath);
        Directory.CreateDirectory(dir);
        var escapedVersion = ModuleEscaping.Escape(version);
        var stamp = (time ?? new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(dir, escapedVersion + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"{stamp}\"}}\n");
        File.WriteAllBytes(Path.Combine(dir, escapedVersion + ".mod"), Encoding.UTF8.GetBytes(goMod));
        var zipPath = Path.Combine(dir, escapedVersion + ".zip");
        WriteZip(zipPath, modulePath + "@" + version + "/", all);
        AppendToList(dir, version);
        return new ProxiedModule(modulePath, version, zipPath, Path.Combine(dir, escapedVersion + ".mod"));
    }

    /// <summary>Writes a zip whose entries are exactly <paramref name="entries"/> (name → content), for tests of bad zips.</summary>
    public static void WriteRawZip(string zipPath, IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        using var stream = File.Create(zipPath);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            entry.LastWriteTime = new DateTimeOffset(2024, 1, 2, 3, 4, 6, TimeSpan.Zero);
            using var s = entry.Open();
            s.Write(content);
        }
    }

    /// <summary>The <c>@v</c> folder of a module.</summary>
    public string VersionDirectory(string modulePath) =>
        Path.Combine(Root, ModuleEscaping.Escape(modulePath).Replace('/', Path.DirectorySeparatorChar), "@v");

    private static void WriteZip(string zipPath, string prefix, SortedDictionary<string, byte[]> files) =>
        WriteRawZip(zipPath, files.Select(f => new KeyValuePair<string, byte[]>(prefix + f.Key, f.Value)));

    private static void AppendToList(string dir, string version)
    {
        var list = Path.Combine(dir, "list");
        var versions = File.Exists(list) ? File.ReadAllLines(list).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];
        versions.Add(version);
        File.WriteAllLines(list, versions.Order(StringComparer.Ordinal));
    }
}

/// <summary>A module version written into a <see cref="ModuleProxyFolder"/>.</summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The version.</param>
/// <param name="ZipFile">The <c>.zip</c> on disk.</param>
/// <param name="ModFile">The <c>.mod</c> on disk.</param>
public sealed record ProxiedModule(string Path, string Version, string ZipFile, string ModFile);
