using GoMirror.Core.Toolchain;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

// Our gover against Go's own: go/version (Go 1.22+ standard library, a thin layer over internal/gover) in a small
// program built at test time with Go 1.23, fed every pair of a corpus of valid and invalid versions.
public class GoVersionOrderDifferentialTests
{
    private const string Program = """
        package main

        import (
        	"bufio"
        	"fmt"
        	"go/version"
        	"os"
        	"strings"
        )

        func main() {
        	in := bufio.NewScanner(os.Stdin)
        	out := bufio.NewWriter(os.Stdout)
        	defer out.Flush()
        	for in.Scan() {
        		x, y, _ := strings.Cut(in.Text(), "\t")
        		fmt.Fprintf(out, "%d\t%v\t%s\n", version.Compare("go"+x, "go"+y), version.IsValid("go"+x), version.Lang("go"+x))
        	}
        }
        """;

    [Fact]
    public void Compare_IsValid_and_Lang_equal_go_version_on_every_pair()
    {
        var go = GoVersions.Require("1.23");
        using var temp = new TempDirectory("gomirror-gover");
        File.WriteAllText(temp.Combine("go.mod"), "module example.com/gover\n\ngo 1.22\n");
        File.WriteAllText(temp.Combine("main.go"), Program);
        var environment = new Dictionary<string, string> { ["GOPATH"] = temp.Combine("gopath"), ["GOMODCACHE"] = temp.Combine("modcache"), ["GOPROXY"] = "off" };
        GoToolchain.RunGo(go, temp.Path, environment, "build", "-o", "gover", ".").AssertSuccess();

        var corpus = Corpus();
        var pairs = corpus.SelectMany(x => corpus.Select(y => (X: x, Y: y))).ToList();
        var output = RunWithInput(temp.Combine("gover"), string.Join("\n", pairs.Select(p => p.X + "\t" + p.Y)) + "\n");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pairs.Count, lines.Length);
        var differences = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (x, y) = pairs[i];
            var fields = lines[i].Split('\t');
            var ours = $"{GoVersionOrder.Compare(x, y)}\t{(GoVersionOrder.IsValid(x) ? "true" : "false")}\t{(GoVersionOrder.IsValid(x) ? "go" + GoVersionOrder.Lang(x) : string.Empty)}";
            var theirs = $"{fields[0]}\t{fields[1]}\t{fields[2]}";
            if (ours != theirs)
            {
                differences.Add($"({x}, {y}): ours {ours.Replace('\t', ' ')}, Go {theirs.Replace('\t', ' ')}");
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} of {pairs.Count} pairs differ:\n" + string.Join("\n", differences.Take(20)));
        Assert.True(pairs.Count > 10_000, "the corpus should hold enough pairs to mean something");
    }

    private static List<string> Corpus()
    {
        var versions = new List<string>
        {
            string.Empty, "1.", "1..2", "01", "1.02", "1.21.", "1.21rc", "1.21.0rc1", "x", "1.21RC1", "1.21 ", ".1", "1.21.1.1",
            "1.21rc01", "1.21.0.", "99999999999999999999.1", "1.21alpha", "1.21rc1x", "v1.21",
        };
        // No '-' in the corpus: go/version cuts a "-bigcorp" suffix off before gover sees the version.
        foreach (var major in new[] { "0", "1", "10" })
        {
            versions.Add(major);
            foreach (var minor in new[] { "0", "9", "20", "21", "22", "100" })
            {
                versions.Add($"{major}.{minor}");
                foreach (var pre in new[] { "beta2", "rc1", "rc10" })
                {
                    versions.Add($"{major}.{minor}{pre}");
                }

                foreach (var patch in new[] { "0", "13" })
                {
                    versions.Add($"{major}.{minor}.{patch}");
                }
            }
        }

        return versions;
    }

    private static string RunWithInput(string program, string input)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Result;
    }
}
