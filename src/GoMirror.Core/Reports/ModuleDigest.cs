using System.Globalization;
using System.Text;

namespace GoMirror.Core.Reports;

/// <summary>
/// Module identities and digests in the shapes supply-chain tools read: the package URL
/// <c>pkg:golang/&lt;path&gt;@&lt;version&gt;</c>, and the SHA-256 that an <c>h1:</c> hash is (the base64 of
/// the SHA-256 of Go's file summary), written as hex.
/// </summary>
internal static class ModuleDigest
{
    /// <summary>The prefix of Go's current module hash.</summary>
    public const string H1Prefix = "h1:";

    /// <summary>Turns <c>h1:&lt;base64&gt;</c> into lowercase hex of the 32 bytes it encodes.</summary>
    /// <returns>False when <paramref name="h1"/> is not <c>h1:</c> followed by base64 of exactly 32 bytes.</returns>
    public static bool TryH1ToSha256Hex(string? h1, out string hex)
    {
        hex = string.Empty;
        if (h1 is null || !h1.StartsWith(H1Prefix, StringComparison.Ordinal) || h1.Length != H1Prefix.Length + 44)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        if (!Convert.TryFromBase64String(h1[H1Prefix.Length..], bytes, out var written) || written != 32)
        {
            return false;
        }

        hex = Convert.ToHexStringLower(bytes[..32]);
        return true;
    }

    /// <summary>The package URL of a module version: each path segment and the version percent-encoded as
    /// the purl specification requires (so <c>+incompatible</c> becomes <c>%2Bincompatible</c>).</summary>
    public static string PackageUrl(string modulePath, string version)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        var segments = modulePath.Split('/').Select(PercentEncode);
        return "pkg:golang/" + string.Join('/', segments) + "@" + PercentEncode(version);
    }

    /// <summary>The modules of <paramref name="part"/> as SLSA <c>resolvedDependencies</c>: one entry per
    /// distinct module version, digest and proxy, sorted by URI.</summary>
    public static IReadOnlyList<ResolvedDependency> ResolvedDependencies(ReproduciblePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ResolvedDependency>();
        foreach (var module in part.Components.SelectMany(c => c.Modules))
        {
            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (module.Proxy is not null)
            {
                annotations["proxy"] = module.Proxy;
            }

            if (module.GoModSum is not null)
            {
                annotations["goModSum"] = module.GoModSum;
            }

            if (module.Sha256 is null)
            {
                annotations["noDigest"] = module.NoDigestReason ?? "no hash recorded";
            }

            var entry = new ResolvedDependency(PackageUrl(module.Path, module.Version), module.Path, module.Sha256, annotations);
            var key = entry.Uri + "\n" + entry.Sha256 + "\n" + string.Join("\n", annotations.Select(a => a.Key + "=" + a.Value));
            if (seen.Add(key))
            {
                result.Add(entry);
            }
        }

        return [.. result
            .OrderBy(d => d.Uri, StringComparer.Ordinal)
            .ThenBy(d => d.Sha256 ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Annotations.GetValueOrDefault("proxy") ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Annotations.GetValueOrDefault("goModSum") ?? string.Empty, StringComparer.Ordinal)];
    }

    private static string PercentEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
