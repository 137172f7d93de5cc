using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace GoMirror.Testing.SumDb;

/// <summary>
/// Builds <c>SumDb/server/main.go</c> — a checksum database from Go's own golang.org/x/mod/sumdb — with the
/// installed Go, against the x/mod copy Go vendors in <c>$GOROOT/src/cmd/vendor</c>: that copy has no go.mod,
/// so it is copied into a temp folder with one (and x/crypto too, which Go 1.19's x/mod needs) and the
/// server's go.mod <c>replace</c>s to it; GOPROXY=off, GOFLAGS=-mod=mod, GOTOOLCHAIN=local, its own GOPATH and
/// GOCACHE. The binary is cached per Go version and source hash in a temp folder shared by the test run
/// (and later runs); nothing is written to the repository.
/// </summary>
public static class SumDbServerBinary
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server binary, built on first use; skips or fails the test (as <see cref="GoToolchain.Require"/>) without Go.</summary>
    public static string Require()
    {
        GoToolchain.Require();
        return Built.Value;
    }

    /// <summary>Runs the binary with <paramref name="arguments"/> and returns its stdout; fails the test on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Require()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sumdbtest {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    private static string Build()
    {
        var go = GoToolchain.Require();
        var goRoot = GoEnv(go, "GOROOT");
        var version = GoEnv(go, "GOVERSION");
        var source = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SumDb", "server", "main.go"));
        var key = Convert.ToHexString(SHA256.HashData([.. source, .. Encoding.UTF8.GetBytes(goRoot + "\n" + version)]))[..16].ToLowerInvariant();
        var root = Path.Combine(Path.GetTempPath(), "gomirror-sumdbtest", version + "-" + key);
        var binary = Path.Combine(root, OperatingSystem.IsWindows() ? "sumdbtest.exe" : "sumdbtest");
        if (File.Exists(binary))
        {
            return binary;
        }

        // Each build has its own work folder; the binary lands by rename, so parallel test processes never run half a file.
        var work = Path.Combine(root, "work-" + Guid.NewGuid().ToString("N")[..8]);
        var vendor = Path.Combine(goRoot, "src", "cmd", "vendor", "golang.org", "x");
        var requires = new StringBuilder();
        foreach (var module in new[] { "mod", "crypto" })
        {
            var from = Path.Combine(vendor, module);
            if (!Directory.Exists(from))
            {
                continue;
            }

            var copy = Path.Combine(work, "x", module);
            CopyTree(from, copy);
            File.WriteAllText(Path.Combine(copy, "go.mod"), $"module golang.org/x/{module}\n\ngo 1.17\n");
            requires.Append($"require golang.org/x/{module} v0.0.0\nreplace golang.org/x/{module} => {copy}\n");
        }

        var src = Path.Combine(work, "src");
        Directory.CreateDirectory(src);
        File.WriteAllBytes(Path.Combine(src, "main.go"), source);
        File.WriteAllText(Path.Combine(src, "go.mod"), "module sumdbtest\n\ngo 1.17\n\n" + requires);
        var output = Path.Combine(work, Path.GetFileName(binary));
        var run = GoToolchain.Run(src, new Dictionary<string, string>
        {
            ["GOPATH"] = Path.Combine(work, "gopath"),
            ["GOMODCACHE"] = Path.Combine(work, "gopath", "pkg", "mod"),
            ["GOCACHE"] = Path.Combine(root, "gocache"),
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["CGO_ENABLED"] = "0",
        }, "build", "-o", output, ".");
        run.AssertSuccess();
        try
        {
            File.Move(output, binary, overwrite: false);
        }
        catch (IOException) when (File.Exists(binary))
        {
            // Another test process built it first: same source, same Go, same binary.
        }

        TempDirectory.MakeWritable(work);
        Directory.Delete(work, recursive: true);
        return binary;
    }

    private static string GoEnv(string go, string name) =>
        GoToolchain.Run(Path.GetTempPath(), new Dictionary<string, string>(), "env", name).AssertSuccess().Stdout.Trim();

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
