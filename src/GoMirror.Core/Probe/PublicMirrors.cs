namespace GoMirror.Core.Probe;

/// <summary>
/// The public module mirrors <c>docs/mirrors.md</c> lists, probed when <see cref="Engine.GoMirrorOptions.ProbeKnown"/>
/// is set. A list of addresses, not of promises: which of them answer, and with what, is what the probe finds out.
/// </summary>
internal static class PublicMirrors
{
    public static IReadOnlyList<string> All { get; } =
    [
        "https://proxy.golang.org",
        "https://goproxy.cn",
        "https://goproxy.io",
        "https://mirrors.aliyun.com/goproxy/",
        "https://repo.huaweicloud.com/repository/goproxy/",
        "https://mirrors.ustc.edu.cn/goproxy/",
        "https://mirrors.tuna.tsinghua.edu.cn/goproxy/",
    ];
}
