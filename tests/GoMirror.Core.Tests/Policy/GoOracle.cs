using System.Text;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>Asks the real Go toolchain what its own standard library says.</summary>
internal static class GoOracle
{
    private const string PathMatchProgram = """
        package main

        import (
            "bufio"
            "fmt"
            "os"
            "path"
            "strings"
        )

        func main() {
            f, _ := os.Open(os.Args[1])
            s := bufio.NewScanner(f)
            for s.Scan() {
                parts := strings.SplitN(s.Text(), "\t", 2)
                ok, err := path.Match(parts[0], parts[1])
                switch {
                case err != nil:
                    fmt.Println("bad")
                case ok:
                    fmt.Println("match")
                default:
                    fmt.Println("no")
                }
            }
        }
        """;

    /// <summary>Go's <c>path.Match</c> outcome ("match", "no", "bad") for each (pattern, name).</summary>
    public static IReadOnlyList<string> PathMatch(IReadOnlyList<(string Pattern, string Name)> cases)
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("main.go"), PathMatchProgram);
        File.WriteAllText(temp.Combine("cases.txt"), string.Concat(cases.Select(c => c.Pattern + "\t" + c.Name + "\n")), new UTF8Encoding(false));
        var run = GoToolchain.Run(temp.Path, new Dictionary<string, string> { ["GO111MODULE"] = "off" }, "run", "main.go", "cases.txt").AssertSuccess();
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count, lines.Length);
        return lines;
    }
}
