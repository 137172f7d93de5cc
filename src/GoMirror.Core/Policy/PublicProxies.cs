using GoMirror.Core.Probe;

namespace GoMirror.Core.Policy;

/// <summary>The public Go module mirrors (docs/mirrors.md): a private module path must never be sent to one.</summary>
internal static class PublicProxies
{
    /// <summary>The hosts of the public mirrors: those the probe knows, and public ones it does not probe.</summary>
    public static IReadOnlyList<string> Hosts { get; } =
    [
        .. PublicMirrors.All.Select(url => new Uri(url).IdnHost),
        "proxy.golang.com.cn",
        "goproxy.ustc.edu.cn",
        "mirrors.tencent.com",
        "mirrors.cloud.tencent.com",
        "mirrors.huaweicloud.com",
        "goproxy.baidu.com",
    ];

    /// <summary>True when <paramref name="entry"/> is a URL on one of <see cref="Hosts"/> (or below one).</summary>
    public static bool IsPublic(ProxyEntry entry) =>
        entry is { Kind: ProxyEntryKind.Url, Url: { IsFile: false } url }
        && Hosts.Any(h => string.Equals(url.IdnHost, h, StringComparison.OrdinalIgnoreCase)
            || url.IdnHost.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
}
