using System.Text.RegularExpressions;

namespace GoMirror.Core.Publishing;

/// <summary>
/// The minimal checks publishing needs before a module path and version become folder and zip entry names:
/// nothing that could escape the proxy folder, and a canonical semantic version for <c>list</c>.
/// Go's complete rules (CheckPath, major-version suffixes, gopkg.in) belong to GoMirror.Core.Modules;
/// publishing should call those once they exist there instead of growing these.
/// </summary>
internal static partial class ModuleCoordinates
{
    /// <summary>Returns why the pair cannot be published, or null when it can.</summary>
    public static string? Problem(string modulePath, string version)
    {
        if (modulePath.Length == 0)
        {
            return "the module path is empty";
        }

        if (!ModulePathShape().IsMatch(modulePath))
        {
            return $"module path '{modulePath}' is not a Go module path (a lower-case domain with a dot, then '/'-separated elements of letters, digits and -._~+)";
        }

        foreach (var element in modulePath.Split('/'))
        {
            if (element.Length == 0 || element.StartsWith('.') || element.EndsWith('.'))
            {
                return $"module path '{modulePath}' has an empty element or one that starts or ends with '.'";
            }
        }

        return IsCanonicalVersion(version)
            ? null
            : $"version '{version}' is not a canonical semantic version such as v1.2.3 or v2.0.0-rc.1";
    }

    /// <summary>True for a canonical semantic version such as v1.2.3, v2.0.0-rc.1 or v3.0.0+incompatible.</summary>
    public static bool IsCanonicalVersion(string version) => CanonicalVersion().IsMatch(version);

    /// <summary>Orders canonical versions by semantic-version precedence (the order Go writes <c>list</c> in).</summary>
    public static int Compare(string left, string right)
    {
        var (lCore, lPre) = Split(left);
        var (rCore, rPre) = Split(right);
        var lParts = lCore.Split('.');
        var rParts = rCore.Split('.');
        for (var i = 0; i < 3; i++)
        {
            var c = CompareNumbers(lParts[i], rParts[i]);
            if (c != 0)
            {
                return c;
            }
        }

        // A release sorts after its pre-releases.
        if (lPre.Length == 0 || rPre.Length == 0)
        {
            return lPre.Length == rPre.Length ? string.CompareOrdinal(left, right) : lPre.Length == 0 ? 1 : -1;
        }

        var lIds = lPre.Split('.');
        var rIds = rPre.Split('.');
        for (var i = 0; i < Math.Min(lIds.Length, rIds.Length); i++)
        {
            var lNum = lIds[i].All(char.IsAsciiDigit);
            var rNum = rIds[i].All(char.IsAsciiDigit);
            var c = (lNum, rNum) switch
            {
                (true, true) => CompareNumbers(lIds[i], rIds[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(lIds[i], rIds[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        var byCount = lIds.Length.CompareTo(rIds.Length);
        return byCount != 0 ? byCount : string.CompareOrdinal(left, right);
    }

    private static (string Core, string Pre) Split(string version)
    {
        var text = version[1..];
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            text = text[..plus];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (text, string.Empty) : (text[..dash], text[(dash + 1)..]);
    }

    private static int CompareNumbers(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+(/[A-Za-z0-9._~+-]+)*$")]
    private static partial Regex ModulePathShape();

    [GeneratedRegex(@"^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$")]
    private static partial Regex CanonicalVersion();
}
