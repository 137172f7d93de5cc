namespace GoMirror.Core.Policy;

/// <summary>
/// One Go variable of the mirror policy and the names it carries in each host, so the MSBuild tasks, the
/// Cake addin and the documentation cannot drift apart.
/// </summary>
/// <param name="GoName">The Go environment variable, for example <c>GOPROXY</c>.</param>
/// <param name="MSBuildProperty">The MSBuild property that sets it, for example <c>GoMirrorProxy</c>.</param>
/// <param name="CakeSetting">The Cake settings property that sets it, for example <c>Proxy</c>.</param>
public sealed record PolicyVariable(string GoName, string MSBuildProperty, string CakeSetting);

/// <summary>The eight Go variables of the mirror policy.</summary>
public static class PolicyVariables
{
    /// <summary><c>GOPROXY</c>: the proxy list.</summary>
    public const string GoProxy = "GOPROXY";

    /// <summary><c>GOPRIVATE</c>: default of GONOPROXY and GONOSUMDB.</summary>
    public const string GoPrivate = "GOPRIVATE";

    /// <summary><c>GONOPROXY</c>: module paths fetched directly, never through a proxy.</summary>
    public const string GoNoProxy = "GONOPROXY";

    /// <summary><c>GONOSUMDB</c>: module paths not checked against the checksum database.</summary>
    public const string GoNoSumDb = "GONOSUMDB";

    /// <summary><c>GOSUMDB</c>: the checksum database.</summary>
    public const string GoSumDb = "GOSUMDB";

    /// <summary><c>GOINSECURE</c>: module paths whose direct fetches may use plain HTTP.</summary>
    public const string GoInsecure = "GOINSECURE";

    /// <summary><c>GOFLAGS</c>: default flags of the go command.</summary>
    public const string GoFlags = "GOFLAGS";

    /// <summary><c>GOMODCACHE</c>: the module cache directory.</summary>
    public const string GoModCache = "GOMODCACHE";

    /// <summary><c>GOPATH</c>: not a policy setting of its own, but the default of GOMODCACHE derives from it.</summary>
    public const string GoPath = "GOPATH";

    /// <summary>The eight policy variables with their MSBuild and Cake names, in documentation order.</summary>
    public static IReadOnlyList<PolicyVariable> All { get; } =
    [
        new(GoProxy, "GoMirrorProxy", "Proxy"),
        new(GoPrivate, "GoMirrorPrivate", "Private"),
        new(GoNoProxy, "GoMirrorNoProxy", "NoProxy"),
        new(GoNoSumDb, "GoMirrorNoSumDb", "NoSumDb"),
        new(GoSumDb, "GoMirrorSumDb", "SumDb"),
        new(GoInsecure, "GoMirrorInsecure", "Insecure"),
        new(GoFlags, "GoMirrorFlags", "Flags"),
        new(GoModCache, "GoMirrorModCache", "ModCache"),
    ];

    /// <summary>True when <paramref name="goName"/> is one of the eight policy variables (exact spelling).</summary>
    public static bool IsPolicyVariable(string goName) => All.Any(v => v.GoName == goName);
}
