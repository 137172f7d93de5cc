using System.Text;
using System.Text.RegularExpressions;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;

namespace GoMirror.Differential.Tests;

/// <summary>
/// cmd/go's readGoSum (restated in Oracle/main.go from each release's fetch.go) against <see cref="GoSumFile"/> on
/// generated go.sum bytes: odd white space, line ends, byte order marks, bytes that are not UTF-8, lines of the
/// wrong length, the empty go.mod hash, repeated and conflicting lines. Compared: the first malformed line and
/// every entry read before it. Go 1.19 and 1.21 stop reading there without a word; Go 1.22+ and the engine fail
/// (docs/go-behaviour.md).
/// </summary>
public sealed partial class GoSumTests
{
    private static readonly string[] Paths = ["example.com/a", "example.com/b/v2", "golang.org/x/mod", "Example.com/A", "a", "example.com/é", "example.com/\U0001F600", "example.com/\uFF21"];

    private static readonly string[] Versions = ["v1.0.0", "v1.0.0/go.mod", "v2.0.0+incompatible", "v0.0.0-20190101000000-abcdefabcdef", "v1.2", "latest", "v1.0.0/go.mod/go.mod", "/go.mod"];

    private static readonly string[] Hashes = ["h1:2oTVhFdLIJkMpykYXJ1ZdoN3Sc6HczjOhE6G9mpTh7M=", "h1:abc=", GoSumEntry.EmptyGoModHash, "h2:xyz=", "h1:", "H1:abc="];

    // Go's strings.Fields splits at unicode.IsSpace; the rest are near misses.
    private static readonly string[] Separators = ["  ", "\t", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2028", "\u2029", "\u202f", "\u3000", "\u200b", "\ufeff", "\u180e", "\u001c", "\u001f", "\u0000"];

    // Byte sequences that are not UTF-8: a lone continuation byte, cut-short sequences, a surrogate, an overlong form, above U+10FFFF.
    private static readonly byte[][] NotUtf8 = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98]];

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void GoSum_reading_agrees_with_go(string release)
    {
        var random = new CaseRandom(Differential.Seed("gosum"));
        var files = Enumerable.Range(0, Differential.Cases()).Select(_ => File(random)).ToList();
        var answers = GoOracle.Ask(release, "gosum", [.. files.Select(f => new[] { f })]);
        var comparison = new Comparison("gosum", release);
        for (var i = 0; i < files.Count; i++)
        {
            var result = GoSumFile.Read("go.sum", files[i]);
            var malformed = result.Diagnostics.FirstOrDefault(d => d.Code == GoModDiagnostics.GoSumMalformedLine.Code);
            var malformedLine = malformed?.Location?.Line ?? int.MaxValue;
            var engine = new[]
            {
                result.Succeeded ? "read" : "refused",
                malformed is null ? string.Empty : $"{malformedLine} {malformed.Message[(malformed.Message.LastIndexOf(' ') + 1)..]}",
                Entries(result.File.Entries.Where(e => e.Line < malformedLine)),
            };

            // Go 1.19 and 1.21 return readGoSum's error to a caller that drops it; Go 1.22+ stop there.
            string[] go = [answers[i][0].Length == 0 || release is "1.19" or "1.21" ? "read" : "refused", answers[i][0], answers[i][1]];
            comparison.Compare(Show(files[i]), ["read or refused", "malformed line", "entries before it"], go, engine, field => field switch
            {
                "read or refused" => "a malformed line fails the engine as it fails Go 1.22+; Go 1.19 and 1.21 stop reading there without a word",
                "entries before it" when HasBytesThatAreNotUtf8(files[i]) =>
                    "bytes that are not UTF-8 become U+FFFD in the engine's strings; no module path, version or h1: hash Go can use holds them",
                _ => null,
            });
        }

        comparison.AssertAgreement();
    }

    /// <summary>
    /// The restatement of readGoSum checked against the go command itself: generated go.sum files, each with the
    /// line a module's go.mod needs put somewhere (sometimes after a wrong h1: line, a line of another algorithm or
    /// none at all), then <c>go list -m all</c> offline. Go's verdict (read, malformed at a line, checksum mismatch,
    /// missing entry) must be the one the engine's reading predicts for that release.
    /// </summary>
    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void The_go_command_decides_as_the_engine_reads(string release)
    {
        var go = GoReleases.Require(release);
        var random = new CaseRandom(Differential.Seed("gosum-go"));
        var folder = Directory.CreateTempSubdirectory("gomirror-differential-gosum-");
        try
        {
            var proxy = Path.Combine(folder.FullName, "proxy", "example.com", "x", "@v");
            Directory.CreateDirectory(proxy);
            System.IO.File.WriteAllText(Path.Combine(proxy, "list"), "v1.0.0\n");
            System.IO.File.WriteAllText(Path.Combine(proxy, "v1.0.0.mod"), "module example.com/x\n\ngo 1.17\n");
            System.IO.File.WriteAllText(Path.Combine(proxy, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2020-01-01T00:00:00Z\"}");
            var main = Path.Combine(folder.FullName, "m");
            Directory.CreateDirectory(main);
            System.IO.File.WriteAllText(Path.Combine(main, "go.mod"), "module m\n\ngo 1.17\n\nrequire example.com/x v1.0.0\n");
            var environment = new Dictionary<string, string>
            {
                ["GOPATH"] = Path.Combine(folder.FullName, "gopath"),
                ["GOMODCACHE"] = Path.Combine(folder.FullName, "gopath", "pkg", "mod"),
                ["GOPROXY"] = "file://" + Path.Combine(folder.FullName, "proxy"),
                ["GOSUMDB"] = "off",
                ["GOFLAGS"] = "-mod=mod",
            };
            GoReleases.Output(go, environment, main, "list", "-m", "all");
            var needed = System.IO.File.ReadAllText(Path.Combine(main, "go.sum")).Trim();
            environment["GOPROXY"] = "off";
            environment["GOFLAGS"] = "-mod=readonly";

            var comparison = new Comparison("gosum-go", release);
            var verdicts = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Differential.Cases(40); i++)
            {
                var lines = Encoding.UTF8.GetString(File(random)).Split('\n').ToList();
                var extra = random.Next(4) switch
                {
                    0 => new[] { "example.com/x v1.0.0/go.mod h1:2oTVhFdLIJkMpykYXJ1ZdoN3Sc6HczjOhE6G9mpTh7M=", needed },
                    1 => ["example.com/x v1.0.0/go.mod h2:xyz=", needed],
                    2 => [],
                    _ => [needed],
                };
                lines.InsertRange(random.Next(lines.Count + 1), extra);
                var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                System.IO.File.WriteAllBytes(Path.Combine(main, "go.sum"), bytes);
                string verdict;
                try
                {
                    GoReleases.Output(go, environment, main, "list", "-m", "all");
                    verdict = "read";
                }
                catch (InvalidOperationException e)
                {
                    verdict = e.Message.Contains("malformed go.sum", StringComparison.Ordinal) ? "malformed " + MalformedAt().Match(e.Message).Groups[1].Value
                        : e.Message.Contains("checksum mismatch", StringComparison.Ordinal) ? "checksum mismatch"
                        : e.Message.Contains("missing go.sum entry", StringComparison.Ordinal) ? "missing go.sum entry"
                        : e.Message;
                }

                comparison.Compare(Show(bytes), ["verdict"], [verdict], [Predict(release, bytes, needed.Split(' ')[2])]);
                verdicts.Add(verdict.Split(' ')[0]);
            }

            comparison.AssertAgreement();

            // The cases reach every verdict: reading, a checksum mismatch, a missing entry, and (Go 1.22+) a malformed line.
            Assert.Equal(release == "1.23" ? 4 : 3, verdicts.Count);
        }
        finally
        {
            // The module cache is read-only, as Go leaves it.
            GoMirror.Testing.TempDirectory.MakeWritable(folder.FullName);
            folder.Delete(recursive: true);
        }
    }

    // What the go command of the release does with the go.sum, from the engine's reading of it.
    private static string Predict(string release, byte[] bytes, string hash)
    {
        var result = GoSumFile.Read("go.sum", bytes);
        var malformed = result.Diagnostics.FirstOrDefault(d => d.Code == GoModDiagnostics.GoSumMalformedLine.Code);
        if (malformed is not null && release == "1.23")
        {
            return $"malformed {malformed.Location!.Line}: wrong number of fields {malformed.Message[(malformed.Message.LastIndexOf(' ') + 1)..]}";
        }

        // Go 1.19 and 1.21 read nothing after a malformed line; the first h1: line for the go.mod decides.
        var first = result.File.Entries
            .Where(e => e.Line < (malformed?.Location?.Line ?? int.MaxValue) && e.Module == new ModuleVersion("example.com/x", "v1.0.0/go.mod"))
            .FirstOrDefault(e => e.Hash.StartsWith("h1:", StringComparison.Ordinal));
        return first is null ? "missing go.sum entry" : first.Hash == hash ? "read" : "checksum mismatch";
    }

    [GeneratedRegex(@"go\.sum:([0-9]+: wrong number of fields [0-9]+)")]
    private static partial Regex MalformedAt();

    // The oracle's form: one line per module and version field, in byte order of the key, %q-quoted, hashes in file order.
    private static string Entries(IEnumerable<GoSumEntry> entries)
    {
        var b = new StringBuilder();
        var groups = entries.GroupBy(e => e.Module)
            .OrderBy(g => g.Key.Path, Utf8Order.Comparer)
            .ThenBy(g => g.Key.Version, Utf8Order.Comparer);
        foreach (var group in groups)
        {
            b.Append($"{GoUnicode.Quote(group.Key.Path)} {GoUnicode.Quote(group.Key.Version)}:");
            foreach (var entry in group)
            {
                b.Append(' ').Append(GoUnicode.Quote(entry.Hash));
            }

            b.Append('\n');
        }

        return b.ToString();
    }

    private static byte[] File(CaseRandom random)
    {
        var bytes = new List<byte>();
        void Text(string s) => bytes.AddRange(Encoding.UTF8.GetBytes(s));
        if (random.Chance(0.05))
        {
            bytes.AddRange([0xef, 0xbb, 0xbf]);
        }

        var lines = random.Next(6) + 1;
        for (var i = 0; i < lines; i++)
        {
            var fields = random.Next(25) switch
            {
                0 => random.Next(5),
                1 => 2 + random.Next(3),
                _ => 3,
            };
            if (random.Chance(0.1))
            {
                Text(Separator(random));
            }

            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    Text(Separator(random));
                }

                Text(f switch
                {
                    0 => random.Pick(Paths),
                    1 => random.Pick(Versions),
                    _ => random.Pick(Hashes),
                });
                if (random.Chance(0.05))
                {
                    bytes.AddRange(random.Pick(NotUtf8));
                }
            }

            if (random.Chance(0.15))
            {
                Text(Separator(random));
            }

            if (i < lines - 1 || random.Chance(0.8))
            {
                Text(random.Next(8) switch
                {
                    0 => "\r\n",
                    1 => "\n\n",
                    _ => "\n",
                });
            }
        }

        return [.. bytes];
    }

    private static string Separator(CaseRandom random) => random.Chance(0.7) ? " " : random.Pick(Separators);

    private static bool HasBytesThatAreNotUtf8(byte[] bytes) => !System.Text.Unicode.Utf8.IsValid(bytes);

    private static string Show(byte[] bytes)
    {
        var b = new StringBuilder();
        foreach (var x in bytes)
        {
            b.Append(x is >= 0x20 and < 0x7f and not (byte)'\\' ? ((char)x).ToString() : $"\\x{x:x2}");
        }

        return b.ToString();
    }
}
