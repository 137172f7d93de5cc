using System.Globalization;
using System.Text;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

public class GoCaseFoldTests
{
    // Prints, for every letter Go knows below U+20000, the fold key Go's module zip code gives it
    // (golang.org/x/mod/zip strToFold: the smallest rune of the unicode.SimpleFold orbit, A-Z lowered).
    private const string Program = """
        package main

        import (
        	"bufio"
        	"fmt"
        	"os"
        	"unicode"
        )

        func main() {
        	w := bufio.NewWriter(os.Stdout)
        	defer w.Flush()
        	for r := rune(0); r < 0x20000; r++ {
        		if !unicode.IsLetter(r) {
        			continue
        		}
        		k := r
        		for {
        			k0 := k
        			k = unicode.SimpleFold(k0)
        			if k <= k0 {
        				break
        			}
        		}
        		if 'A' <= k && k <= 'Z' {
        			k += 'a' - 'A'
        		}
        		fmt.Fprintf(w, "%x %x\n", r, k)
        	}
        }
        """;

    [Fact]
    public void Fold_keys_of_letters_match_Go()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("fold.go"), Program);
        var run = GoToolchain.Run(temp.Path, new Dictionary<string, string> { ["GOPATH"] = temp.Combine("gopath"), ["GOCACHE"] = temp.Combine("gocache"), ["GO111MODULE"] = "off" }, "run", temp.Combine("fold.go")).AssertSuccess();

        var checkedLetters = 0;
        var differences = new List<string>();
        foreach (var line in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var rune = int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var goKey = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

            // Only letters .NET also knows: both sides' Unicode versions differ, and newer letters may fold differently.
            if (!Rune.IsLetter(new Rune(rune)))
            {
                continue;
            }

            checkedLetters++;
            var ours = GoCaseFold.Key(new Rune(rune).ToString());
            if (ours != new Rune(goKey).ToString())
            {
                differences.Add($"U+{rune:X4}: Go {goKey:X4}, ours {char.ConvertToUtf32(ours, 0):X4}");
            }
        }

        Assert.True(checkedLetters > 50_000, $"only {checkedLetters} letters compared");
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n" + string.Join('\n', differences.Take(50)));
    }
}
