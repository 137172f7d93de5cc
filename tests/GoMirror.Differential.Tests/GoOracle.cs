using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Oracle/main.go built against the golang.org/x/mod that a Go release vendors
/// (<c>$GOROOT/src/cmd/vendor/golang.org/x/mod</c>), once per release per test run, and run once per area with
/// every case on stdin. Nothing of x/mod is kept in the repository: the build copies it into a temporary module.
/// </summary>
internal static class GoOracle
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Binaries = new(StringComparer.Ordinal);
    private static readonly string RunDirectory = Path.Combine(Path.GetTempPath(), $"gomirror-differential-{Environment.ProcessId}");

    /// <summary>Answers <paramref name="cases"/> (each a row of fields) in <paramref name="area"/> with Go <paramref name="release"/>.</summary>
    public static IReadOnlyList<string[]> Ask(string release, string area, IReadOnlyList<string[]> cases) =>
        Ask(release, area, [.. cases.Select(c => c.Select(Encoding.UTF8.GetBytes).ToArray())]);

    /// <summary>As <see cref="Ask(string, string, IReadOnlyList{string[]})"/> with fields as raw bytes (go.mod text that is not UTF-8).</summary>
    public static IReadOnlyList<string[]> Ask(string release, string area, IReadOnlyList<byte[][]> cases)
    {
        var oracle = Binary(release);
        var start = new ProcessStartInfo(oracle, area)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + oracle);
        var writer = Task.Run(() =>
        {
            using var input = process.StandardInput;
            foreach (var fields in cases)
            {
                input.Write(string.Join('\t', fields.Select(Convert.ToBase64String)));
                input.Write('\n');
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        var answers = new List<string[]>(cases.Count);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            answers.Add([.. line.Split('\t').Select(f => Encoding.UTF8.GetString(Convert.FromBase64String(f)))]);
        }

        writer.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0 || answers.Count != cases.Count)
        {
            throw new InvalidOperationException($"oracle {area} (Go {release}) exited {process.ExitCode} after {answers.Count} of {cases.Count} answers: {stderr.Result}");
        }

        return answers;
    }

    /// <summary>The oracle's output for an area that takes no input (<c>unicode</c>).</summary>
    public static string Dump(string release, string area) =>
        GoReleases.Output(Binary(release), new Dictionary<string, string>(), Path.GetTempPath(), area);

    private static string Binary(string release)
    {
        var go = GoReleases.Require(release);
        return Binaries.GetOrAdd(release, _ => new Lazy<string>(() => Build(release, go))).Value;
    }

    private static string Build(string release, string go)
    {
        var root = Path.Combine(RunDirectory, release);
        var goRoot = GoReleases.Output(go, new Dictionary<string, string>(), Path.GetTempPath(), "env", "GOROOT").Trim();
        var vendored = Path.Combine(goRoot, "src", "cmd", "vendor", "golang.org", "x", "mod");
        var xmod = Path.Combine(root, "xmod");
        CopyTree(vendored, xmod);
        File.WriteAllText(Path.Combine(xmod, "go.mod"), "module golang.org/x/mod\n");

        var program = Path.Combine(root, "oracle");
        Directory.CreateDirectory(program);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Oracle", "main.go"), Path.Combine(program, "main.go"));
        File.WriteAllText(Path.Combine(program, "go.mod"), "module oracle\n\ngo 1.19\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n");

        // The build cache outlives the run (keyed by release) so only the first run on a machine compiles the
        // standard library; the binary itself is built afresh each run from the sources above.
        var environment = new Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOPATH"] = Path.Combine(root, "gopath"),
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "gomirror-differential-gocache", release),
            ["CGO_ENABLED"] = "0",
        };
        var binary = Path.Combine(program, OperatingSystem.IsWindows() ? "oracle.exe" : "oracle");
        GoReleases.Output(go, environment, program, "build", "-o", binary, ".");
        return binary;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
