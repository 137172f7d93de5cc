using Xunit;

namespace GoMirror.Testing.SumDb;

/// <summary>
/// The Go versions installed on the build machine side by side (<c>/usr/bin/go</c> 1.19,
/// <c>/usr/lib/go-1.21</c>, <c>/usr/lib/go-1.23</c>), for tests where every supported Go must agree.
/// </summary>
public static class InstalledGo
{
    /// <summary>The <c>go</c> executable of Go <paramref name="version"/> (<c>1.21</c>); skips the test when it is
    /// not installed, or fails it when <c>GOMIRROR_REQUIRE_GO=1</c>.</summary>
    public static string Require(string version)
    {
        GoToolchain.Require();
        foreach (var candidate in new[] { $"/usr/lib/go-{version}/bin/go", GoToolchain.Path! })
        {
            if (File.Exists(candidate) && GoToolchain.RunGo(candidate, System.IO.Path.GetTempPath(), new Dictionary<string, string>(), "env", "GOVERSION")
                    .Stdout.Trim().StartsWith("go" + version + ".", StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        var reason = $"Go {version} is not installed (expected /usr/lib/go-{version}/bin/go; Debian: apt-get install golang-{version}-go from bookworm-backports)";
        if (Environment.GetEnvironmentVariable("GOMIRROR_REQUIRE_GO") == "1")
        {
            Assert.Fail(reason + " (GOMIRROR_REQUIRE_GO=1 makes this a failure).");
        }

        Assert.Skip(reason + ".");
        return string.Empty;
    }
}
