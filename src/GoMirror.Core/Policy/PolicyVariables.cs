namespace GoMirror.Core.Policy;

/// <summary>The nine Go variables of the mirror policy.</summary>
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

    /// <summary><c>GOTOOLCHAIN</c> (Go 1.21+): which toolchain the go command runs (<c>local</c>, <c>auto</c>, <c>path</c>,
    /// <c>go1.23.5</c>, <c>go1.23.5+auto</c>, ...).</summary>
    public const string GoToolchain = "GOTOOLCHAIN";

    /// <summary><c>GOPATH</c>: not a policy setting of its own, but the default of GOMODCACHE derives from it.</summary>
    public const string GoPath = "GOPATH";

    /// <summary>The nine policy variables, in documentation order: the rows of <see cref="Settings.SettingTable"/>
    /// that set a Go variable (the table also names each one's MSBuild property, Cake setting and CLI option).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Settings.SettingTable.All.Where(s => s.IsPolicy).Select(s => s.GoVariable!)];

    /// <summary>True when <paramref name="goName"/> is one of the nine policy variables (exact spelling).</summary>
    public static bool IsPolicyVariable(string goName) => All.Contains(goName, StringComparer.Ordinal);
}
