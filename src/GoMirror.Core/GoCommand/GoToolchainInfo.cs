namespace GoMirror.Core.GoCommand;

/// <summary>What <c>go version</c> says about a toolchain.</summary>
/// <param name="Executable">The go executable asked.</param>
/// <param name="Version">The toolchain version.</param>
/// <param name="GoOs">The OS the toolchain runs on (<c>linux</c>), from <c>go version</c>.</param>
/// <param name="GoArch">The architecture the toolchain runs on (<c>amd64</c>).</param>
/// <param name="VersionOutput">The line <c>go version</c> printed.</param>
internal sealed record GoToolchainInfo(string Executable, GoVersion Version, string GoOs, string GoArch, string VersionOutput)
{
    /// <summary>Reads a <c>go version</c> line such as <c>go version go1.19.8 linux/amd64</c>.</summary>
    /// <returns>Null when the text is not a <c>go version</c> line.</returns>
    public static GoToolchainInfo? Parse(string executable, string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        var line = versionOutput.Trim();
        if (!line.StartsWith("go version ", StringComparison.Ordinal) || !GoVersion.TryParse(line["go version ".Length..], out var version))
        {
            return null;
        }

        // The platform is the last word; anything between it and the version (GOEXPERIMENT tags, a devel
        // build's date) is skipped.
        var platform = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Split('/');
        return platform.Length == 2 && platform[0].Length > 0 && platform[1].Length > 0
            ? new GoToolchainInfo(executable, version, platform[0], platform[1], line)
            : null;
    }
}
