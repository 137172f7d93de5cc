using System.Text;
using System.Text.Json;

namespace GoMirror.Testing;

/// <summary>
/// Runs <c>go mod download -json</c> for several modules at once against a proxy (one go process, so the
/// oracle costs one start-up) in a private module cache, and parses the JSON objects Go prints.
/// </summary>
public static class GoModDownload
{
    /// <summary>
    /// Downloads <paramref name="modules"/> (<c>path@version</c>) through <paramref name="proxyUrl"/> with
    /// GOSUMDB=off into <paramref name="workDirectory"/>/modcache. Modules that fail carry <see cref="GoDownloadResult.Error"/>.
    /// </summary>
    public static IReadOnlyList<GoDownloadResult> Run(string workDirectory, string proxyUrl, IEnumerable<string> modules)
    {
        ArgumentNullException.ThrowIfNull(workDirectory);
        Directory.CreateDirectory(workDirectory);
        var environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = proxyUrl,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = Path.Combine(workDirectory, "modcache"),
            ["GOPATH"] = Path.Combine(workDirectory, "gopath"),
            ["GOFLAGS"] = "-mod=mod",
        };
        var run = GoToolchain.Run(workDirectory, environment, ["mod", "download", "-json", .. modules]);
        var results = new List<GoDownloadResult>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(run.Stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var v) ? v.GetString() : null;
            results.Add(new GoDownloadResult(Field("Path")!, Field("Version")!, Field("Error"), Field("Zip"), Field("Dir"), Field("Sum"), Field("GoModSum"), Field("GoMod")));
        }

        if (results.Count == 0)
        {
            throw new InvalidOperationException($"go mod download printed no JSON (exit {run.ExitCode}):\n{run.Stderr}");
        }

        return results;
    }
}

/// <summary>One object of <c>go mod download -json</c>.</summary>
/// <param name="Path">Module path.</param>
/// <param name="Version">Version.</param>
/// <param name="Error">Go's error, when the download failed.</param>
/// <param name="Zip">The cached zip.</param>
/// <param name="Dir">The extracted folder.</param>
/// <param name="Sum">The zip's h1: hash.</param>
/// <param name="GoModSum">The go.mod's h1: hash.</param>
/// <param name="GoMod">The cached .mod file.</param>
public sealed record GoDownloadResult(string Path, string Version, string? Error, string? Zip, string? Dir, string? Sum, string? GoModSum, string? GoMod);
