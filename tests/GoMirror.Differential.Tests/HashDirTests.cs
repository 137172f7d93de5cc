using System.Text;
using GoMirror.Core.Hashing;

namespace GoMirror.Differential.Tests;

/// <summary>
/// x/mod's <c>dirhash.HashDir</c> (what <c>go mod verify</c> computes for an extracted module) against
/// <see cref="ModuleHash.HashDir"/> on generated folders: symbolic links to files, to folders, dangling and
/// pointing outside, empty folders, the files a module zip leaves out (VCS folders, nested modules, vendor), names
/// whose UTF-16 and UTF-8 orders differ, a newline in a name, and a root that is a link, a file or missing.
/// </summary>
public sealed class HashDirTests
{
    private const string Prefix = "example.com/m@v1.0.0";

    private static readonly string[] Names =
    [
        "a.go", "A.go", "sub/b.go", "sub/deep/c.go", ".git/config", ".hg/x", "vendor/v.go", "vendor/modules.txt", "sub/go.mod", "go.mod",
        "spa ce.txt", "ü.go", "\U0001F600.txt", "\uFF21.txt", "\U00010000.txt", "\uE000", "con", "a\\b", "x:y", "-", "~", "..a", ".hidden",
        "LICENSE", "a\nb", "x/\uFFFD",
    ];

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void HashDir_agrees_with_go(string release)
    {
        var random = new CaseRandom(Differential.Seed("dirhash"));
        var folder = Directory.CreateTempSubdirectory("gomirror-differential-dirhash-");
        try
        {
            var roots = new List<string>();
            var described = new List<string>();
            for (var i = 0; i < Differential.Cases(150); i++)
            {
                var root = Path.Combine(folder.FullName, $"t{i}");
                described.Add(Tree(random, root, folder.FullName));
                roots.Add(root);
            }

            var answers = GoOracle.Ask(release, "dirhash", [.. roots.Select(r => new[] { r, Prefix })]);
            var comparison = new Comparison("dirhash", release);
            for (var i = 0; i < roots.Count; i++)
            {
                string hash;
                string failure;
                try
                {
                    hash = ModuleHash.HashDir(roots[i], "example.com/m", "v1.0.0", TestContext.Current.CancellationToken);
                    failure = string.Empty;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModuleHashException)
                {
                    (hash, failure) = (string.Empty, e.Message);
                }

                comparison.Compare($"{described[i]} | go: {answers[i][1]} | engine: {failure}", ["hash", "fails"],
                    [answers[i][0], answers[i][1].Length > 0 ? "fails" : "hashes"], [hash, failure.Length > 0 ? "fails" : "hashes"]);
            }

            comparison.AssertAgreement();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Writes a tree at root and says what it holds.
    private static string Tree(CaseRandom random, string root, string outside)
    {
        var shape = random.Next(25);
        if (shape == 0)
        {
            return "missing root";
        }

        if (shape == 1)
        {
            File.WriteAllText(root, "a file\n");
            return "root is a file";
        }

        var real = shape == 2 ? root + ".real" : root;
        Directory.CreateDirectory(real);
        var b = new StringBuilder(shape == 2 ? "root is a link; " : string.Empty);
        if (shape == 2)
        {
            Directory.CreateSymbolicLink(root, real);
        }

        var files = new List<string>();
        for (var n = random.Next(5) + 1; n > 0; n--)
        {
            var name = random.Pick(Names);
            var path = Path.Combine(real, name);
            if (Directory.Exists(path) || File.Exists(path) || File.Exists(Path.GetDirectoryName(path)))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            switch (random.Next(12))
            {
                case 0:
                    Directory.CreateDirectory(path);
                    b.Append($"empty folder {Comparison.Show(name)}; ");
                    break;
                case 1 when files.Count > 0:
                    var target = random.Pick(files);
                    File.CreateSymbolicLink(path, Path.GetRelativePath(Path.GetDirectoryName(path)!, target));
                    b.Append($"link {Comparison.Show(name)} -> file; ");
                    break;
                case 2:
                    var dir = Path.Combine(real, "linked");
                    Directory.CreateDirectory(dir);
                    Directory.CreateSymbolicLink(path, dir);
                    b.Append($"link {Comparison.Show(name)} -> folder; ");
                    break;
                case 3:
                    File.CreateSymbolicLink(path, "nowhere");
                    b.Append($"dangling link {Comparison.Show(name)}; ");
                    break;
                case 4:
                    var far = Path.Combine(outside, $"outside-{Guid.NewGuid():N}");
                    File.WriteAllBytes(far, random.Bytes(random.Next(64)));
                    File.CreateSymbolicLink(path, far);
                    b.Append($"link {Comparison.Show(name)} -> file outside; ");
                    break;
                default:
                    File.WriteAllBytes(path, random.Chance(0.2) ? [] : random.Bytes(random.Next(200)));
                    files.Add(path);
                    b.Append($"{Comparison.Show(name)}; ");
                    break;
            }
        }

        return b.ToString();
    }
}
