using GoMirror.Core.Modules;

namespace GoMirror.Core.Toolchain;

/// <summary>What a GOTOOLCHAIN value lets the go command do beyond its minimum toolchain.</summary>
internal enum GoToolchainMode
{
    /// <summary>No suffix (<c>local</c>, <c>go1.22.3</c>): run the minimum toolchain; go.mod and go.work are not consulted.</summary>
    Fixed,

    /// <summary><c>auto</c> or <c>+auto</c>: a newer <c>toolchain</c> or <c>go</c> line switches, from PATH or by download.</summary>
    Auto,

    /// <summary><c>path</c> or <c>+path</c>: as auto, but only a toolchain found on PATH may run; nothing is downloaded.</summary>
    Path,
}

/// <summary>
/// A GOTOOLCHAIN value as Go 1.21+ reads it (cmd/go/internal/toolchain/select.go <c>Select</c>): <c>local</c>,
/// <c>auto</c> (= <c>local+auto</c>), <c>path</c> (= <c>local+path</c>), a toolchain name (<c>go1.22.3</c>), or a
/// name followed by <c>+auto</c> or <c>+path</c>.
/// </summary>
/// <param name="Value">The value as written.</param>
/// <param name="Minimum">The minimum toolchain name (<c>go1.22.3</c>), or null for <c>local</c>: the Go found.</param>
/// <param name="Mode">Whether go.mod and go.work may raise the minimum, and from where.</param>
internal sealed record GoToolchainSetting(string Value, string? Minimum, GoToolchainMode Mode)
{
    /// <summary>True when the toolchain named in a switch may only come from PATH (<c>path</c>, <c>+path</c>).</summary>
    public bool PathOnly => Mode == GoToolchainMode.Path;

    /// <summary>
    /// Reads <paramref name="value"/> (not empty: an empty GOTOOLCHAIN means Go selects nothing). Returns null and
    /// Go's own words in <paramref name="error"/> (<c>invalid GOTOOLCHAIN "x"</c>) when the go command would stop.
    /// </summary>
    public static GoToolchainSetting? Parse(string value, out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        error = null;
        if (value == "auto")
        {
            return new GoToolchainSetting(value, null, GoToolchainMode.Auto);
        }

        if (value == "path")
        {
            return new GoToolchainSetting(value, null, GoToolchainMode.Path);
        }

        var plus = value.IndexOf('+', StringComparison.Ordinal);
        var minimum = plus < 0 ? value : value[..plus];
        var suffix = plus < 0 ? string.Empty : value[(plus + 1)..];
        if (minimum != "local" && GoVersionOrder.FromToolchain(minimum).Length == 0)
        {
            error = plus >= 0
                ? $"invalid GOTOOLCHAIN {GoUnicode.Quote(value)}: invalid minimum toolchain {GoUnicode.Quote(minimum)}"
                : $"invalid GOTOOLCHAIN {GoUnicode.Quote(value)}";
            return null;
        }

        if (plus >= 0 && suffix is not ("auto" or "path"))
        {
            error = $"invalid GOTOOLCHAIN {GoUnicode.Quote(value)}: only version suffixes are +auto and +path";
            return null;
        }

        var mode = suffix switch
        {
            "auto" => GoToolchainMode.Auto,
            "path" => GoToolchainMode.Path,
            _ => GoToolchainMode.Fixed,
        };
        return new GoToolchainSetting(value, minimum == "local" ? null : minimum, mode);
    }
}
