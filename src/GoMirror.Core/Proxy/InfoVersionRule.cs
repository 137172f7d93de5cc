using System.Text.RegularExpressions;

namespace GoMirror.Core.Proxy;

/// <summary>
/// When Go insists that a <c>.info</c> echoes the requested version (modfetch/proxy.go <c>Stat</c>): the
/// request was for a canonical semantic version that fits the module path's major version suffix
/// (golang.org/x/mod/module <c>Check</c> and <c>MatchPathMajor</c>).
/// </summary>
internal static partial class InfoVersionRule
{
    /// <summary>True when Go would reject a <c>.info</c> whose Version is not exactly <paramref name="version"/>.
    /// <paramref name="modulePath"/> has passed <see cref="ProxyRequestCheck.ModulePathError"/>.</summary>
    public static bool MustEcho(string modulePath, string version)
    {
        var match = Canonical().Match(version);
        if (!match.Success)
        {
            return false;
        }

        var major = "v" + match.Groups["major"].Value;
        var incompatible = match.Groups["incompatible"].Success;
        if (modulePath.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            var gopkg = GopkgMajor().Match(modulePath);
            if (!gopkg.Success)
            {
                return false;
            }

            var pathMajor = gopkg.Groups["major"].Value;
            return (version.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == "v1") || major == pathMajor;
        }

        var suffix = PathMajor().Match(modulePath);
        return suffix.Success ? major == suffix.Groups["major"].Value : major is "v0" or "v1" || incompatible;
    }

    [GeneratedRegex(@"^v(?<major>0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?<incompatible>\+incompatible)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Canonical();

    [GeneratedRegex(@"/(?<major>v[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PathMajor();

    [GeneratedRegex(@"\.(?<major>v0|v[1-9][0-9]*)(-unstable)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GopkgMajor();
}
