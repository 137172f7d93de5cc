using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GoMirror.Bench.Micro;

/// <summary>
/// Deterministic inputs shaped like real ones: a module zip of a few MB (Go sources plus binary testdata),
/// a go.sum of a mid-sized service, and module paths of a typical dependency graph. The same seed gives the
/// same bytes on every run, so figures from two machines compare the same work.
/// </summary>
public static class BenchData
{
    private static readonly string[] Words =
    [
        "func", "return", "if", "err", "nil", "for", "range", "ctx", "context", "Context", "string", "int",
        "byte", "len", "append", "make", "map", "struct", "type", "var", "const", "defer", "go", "select",
        "case", "switch", "default", "package", "import", "fmt", "Errorf", "io", "Reader", "Writer", "buf",
        "bytes", "Buffer", "strings", "Builder", "sync", "Mutex", "Lock", "Unlock", "value", "key", "index",
        "config", "options", "client", "server", "request", "response", "handler", "module", "version",
    ];

    /// <summary>
    /// Writes a module zip for <c>example.com/bench/big@v1.4.2</c> to <paramref name="path"/>: 300 Go files
    /// (1 to 16 KB each) and 4 binary testdata files of 256 KB, about 3.3 MB before compression; entries are
    /// stored or deflated as asked.
    /// </summary>
    public static void WriteModuleZip(string path, CompressionLevel level)
    {
        var random = new Random(20240102);
        const string prefix = "example.com/bench/big@v1.4.2/";
        using var stream = File.Create(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        Add(archive, prefix + "go.mod", Encoding.UTF8.GetBytes("module example.com/bench/big\n\ngo 1.19\n"), level);
        for (var i = 0; i < 300; i++)
        {
            var folder = "pkg" + (i % 12).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            Add(archive, $"{prefix}{folder}/file{i:D3}.go", GoSource(random, random.Next(1024, 16 * 1024)), level);
        }

        for (var i = 0; i < 4; i++)
        {
            var blob = new byte[256 * 1024];
            random.NextBytes(blob);
            Add(archive, $"{prefix}testdata/blob{i}.bin", blob, level);
        }
    }

    /// <summary>
    /// A go.sum of <paramref name="modules"/> module versions, two lines each (zip and <c>/go.mod</c>), in
    /// Go's order, with realistic paths, pseudo-versions, <c>+incompatible</c> and major-version suffixes.
    /// </summary>
    public static string GoSum(int modules)
    {
        var random = new Random(7);
        var lines = new List<string>(modules * 2);
        foreach (var (path, version) in Modules(random, modules).OrderBy(m => m.Path, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
        {
            lines.Add($"{path} {version} {FakeHash(random)}");
            lines.Add($"{path} {version}/go.mod {FakeHash(random)}");
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary><paramref name="count"/> module paths of a typical dependency graph (public hosts, a few private ones).</summary>
    public static string[] ModulePaths(int count) => [.. Modules(new Random(11), count).Select(m => m.Path)];

    /// <summary><paramref name="count"/> module versions of a typical dependency graph.</summary>
    public static (string Path, string Version)[] ModuleVersions(int count) => [.. Modules(new Random(13), count)];

    private static IEnumerable<(string Path, string Version)> Modules(Random random, int count)
    {
        string[] hosts = ["github.com", "github.com", "github.com", "golang.org/x", "gopkg.in", "go.uber.org", "git.corp.example.com", "gitlab.com"];
        for (var i = 0; i < count; i++)
        {
            var host = hosts[random.Next(hosts.Length)];
            var path = host switch
            {
                "golang.org/x" or "go.uber.org" => $"{host}/{Word(random)}{i}",
                "gopkg.in" => $"gopkg.in/{Word(random)}{i}.v{random.Next(1, 4)}",
                _ => $"{host}/{Word(random)}-{Word(random)}/{Word(random)}{i}",
            };
            var major = random.Next(0, 4);
            if (major >= 2 && host != "gopkg.in")
            {
                path += "/v" + major.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var version = (random.Next(5), major) switch
            {
                (0, _) => $"v0.0.0-2023{random.Next(1, 13):D2}{random.Next(1, 29):D2}101112-{random.NextInt64() & 0xFFFF_FFFF_FFFF:x12}",
                (1, 0 or 1) => $"v{random.Next(2, 20)}.{random.Next(10)}.{random.Next(10)}+incompatible",
                _ => $"v{major}.{random.Next(30)}.{random.Next(10)}",
            };
            yield return (path, version);
        }
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)].ToLowerInvariant();

    private static string FakeHash(Random random)
    {
        var digest = new byte[32];
        random.NextBytes(digest);
        return "h1:" + Convert.ToBase64String(SHA256.HashData(digest));
    }

    private static byte[] GoSource(Random random, int size)
    {
        var text = new StringBuilder(size + 256);
        text.Append("package bench\n\n");
        while (text.Length < size)
        {
            text.Append("func ").Append(Words[random.Next(Words.Length)]).Append(random.Next(1000)).Append("(ctx context.Context) error {\n");
            for (var line = random.Next(2, 8); line > 0; line--)
            {
                text.Append('\t');
                for (var w = random.Next(3, 9); w > 0; w--)
                {
                    text.Append(Words[random.Next(Words.Length)]).Append(' ');
                }

                text.Append('\n');
            }

            text.Append("\treturn nil\n}\n\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Add(ZipArchive archive, string name, byte[] content, CompressionLevel level)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var s = entry.Open();
        s.Write(content);
    }
}
