using System.Text;

namespace GoMirror.Core.Tests.Publishing;

/// <summary>Writes module source folders for publishing tests.</summary>
internal static class ModuleSourceFolder
{
    /// <summary>Writes <paramref name="files"/> (relative path with '/' → text) under <paramref name="root"/>, in the order given.</summary>
    public static string Write(string root, IEnumerable<KeyValuePair<string, string>> files)
    {
        Directory.CreateDirectory(root);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, Encoding.UTF8.GetBytes(text));
        }

        return root;
    }

    /// <summary>Every file below <paramref name="root"/> as relative path with '/' → bytes.</summary>
    public static SortedDictionary<string, byte[]> Read(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>The environment the oracle runs Go with: only the given proxy, no checksum database, caches in <paramref name="temp"/>.</summary>
    public static Dictionary<string, string> GoEnvironment(string temp, string proxyUrl) => new()
    {
        ["GOPROXY"] = proxyUrl,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = Path.Combine(temp, "modcache"),
        ["GOPATH"] = Path.Combine(temp, "gopath"),
    };

    /// <summary>The folder as a GOPROXY entry (file:///abs/path).</summary>
    public static string FileUrl(string folder) =>
        new Uri(Path.GetFullPath(folder) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
}
