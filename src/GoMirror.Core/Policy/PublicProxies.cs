namespace GoMirror.Core.Policy;

/// <summary>The public Go module mirrors (docs/mirrors.md): a private module path must never be sent to one.</summary>
internal static class PublicProxies
{
    /// <summary>The hosts of the known public mirrors.</summary>
    public static IReadOnlyList<string> Hosts { get; } =
    [
        "proxy.golang.org",
        "goproxy.cn",
        "goproxy.io",
        "proxy.golang.com.cn",
        "mirrors.aliyun.com",
        "repo.huaweicloud.com",
        "mirrors.huaweicloud.com",
        "mirrors.tencent.com",
        "mirrors.cloud.tencent.com",
        "goproxy.baidu.com",
        "mirrors.tuna.tsinghua.edu.cn",
        "mirrors.ustc.edu.cn",
        "goproxy.ustc.edu.cn",
    ];

    /// <summary>True when <paramref name="entry"/> is a URL on one of <see cref="Hosts"/> (or below one).</summary>
    public static bool IsPublic(ProxyEntry entry) =>
        entry is { Kind: ProxyEntryKind.Url, Url: { IsFile: false } url }
        && Hosts.Any(h => string.Equals(url.IdnHost, h, StringComparison.OrdinalIgnoreCase)
            || url.IdnHost.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
}
