using System.Diagnostics;
using GoMirror.Core.Hashing;
using GoMirror.Core.Publishing;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Go's <c>zip.CreateFromDir</c> (then <c>dirhash.HashZip</c> of the zip) against the engine's publisher on
/// generated source trees, including names that are not valid UTF-8 (written through the shell: .NET strings
/// cannot name them): whether the tree is published, and the hash of the zip.
/// </summary>
public sealed class PublishingTests
{
    private const string Release = "1.23";
    private const string Module = "example.com/m";
    private const string Version = "v1.0.0";

    private static readonly string[] Names =
    [
        "a.go", "sub/b.go", "A.go", "sub/B.go", "vendor/x.go", ".git/config", "bad\\name.go", "co:lon.go", "spa ce.go", "ü.go",
        "😀.txt", "LICENSE", "sub/go.mod", "x/y/z.txt", "\\377.go", "sub/\\376x.go", "README", "con.go", "a.go~",
    ];

    [Fact]
    public void Publishing_agrees_with_go()
    {
        var random = new CaseRandom(Differential.Seed("publish"));
        var folder = Directory.CreateTempSubdirectory("gomirror-differential-publish-");
        try
        {
            var cases = new List<string[]>();
            var described = new List<string>();
            for (var i = 0; i < Differential.Cases(200); i++)
            {
                var source = Path.Combine(folder.FullName, $"src{i}");
                var names = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Pick(Names)).Distinct().ToList();
                Write(source, names);
                described.Add(string.Join(", ", names));
                cases.Add([source, Module, Version]);
            }

            var answers = GoOracle.Ask(Release, "hashdir", cases);
            var comparison = new Comparison("publish", Release);
            for (var i = 0; i < cases.Count; i++)
            {
                var proxy = Path.Combine(folder.FullName, $"proxy{i}");
                var result = new ModuleProxyPublisher(proxy).Publish(cases[i][0], Module, Version, DateTimeOffset.UnixEpoch);
                var hash = result.Succeeded ? ModuleHash.HashZip(Path.Combine(result.VersionDirectory!, Version + ".zip"), TestContext.Current.CancellationToken) : string.Empty;
                comparison.Compare($"{described[i]} | go: {answers[i][3]} | engine: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}", ["CreateFromDir", "zip hash"],
                    [answers[i][3].Length == 0 ? "published" : "refused", answers[i][2]], [result.Succeeded ? "published" : "refused", hash]);
            }

            comparison.AssertAgreement();
        }
        finally
        {
            // rm, not Directory.Delete: .NET cannot name the files whose names are not UTF-8.
            Run("rm", "-rf", folder.FullName);
        }
    }

    // Through the shell, so \ooo octal escapes become raw bytes in the names (printf's %b).
    private static void Write(string source, IReadOnlyList<string> names)
    {
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "go.mod"), $"module {Module}\n\ngo 1.21\n");
        foreach (var name in names)
        {
            Run("/bin/sh", "-c", "p=\"$1/$(printf '%b' \"$2\")\"; mkdir -p \"$(dirname \"$p\")\"; printf 'package m\\n' > \"$p\"", "sh", source, name);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {stderr}");
    }
}
