using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>Diagnostic codes of the mirror policy (GOMIRROR0001–0099).</summary>
internal static class PolicyDiagnostics
{
    /// <summary>A GOPROXY value that Go would reject.</summary>
    public static readonly DiagnosticDescriptor MalformedProxyList = new(
        "GOMIRROR0001",
        DiagnosticSeverity.Error,
        "GOPROXY is malformed",
        "Write GOPROXY as a list of proxy URLs, 'direct' or 'off', separated by ',' (fall back on 404/410) or '|' (fall back on any error).",
        DiagnosticCategory.Policy);

    /// <summary>A proxy entry with a scheme Go does not accept.</summary>
    public static readonly DiagnosticDescriptor UnsupportedProxyScheme = new(
        "GOMIRROR0002",
        DiagnosticSeverity.Error,
        "GOPROXY entry uses a scheme Go does not support",
        "Use https://, http:// (only for a proxy you trust on a trusted network) or file:///absolute/path.",
        DiagnosticCategory.Policy);

    /// <summary>Entries written after <c>off</c>, which Go never reaches.</summary>
    public static readonly DiagnosticDescriptor UnreachableAfterOff = new(
        "GOMIRROR0003",
        DiagnosticSeverity.Warning,
        "GOPROXY entries after 'off' are never used",
        "Remove 'off' from the list, or remove the entries after it: 'off' fails every lookup that reaches it.",
        DiagnosticCategory.Policy);

    /// <summary>Entries written after <c>direct</c>, which Go ignores.</summary>
    public static readonly DiagnosticDescriptor IgnoredAfterDirect = new(
        "GOMIRROR0004",
        DiagnosticSeverity.Info,
        "GOPROXY entries after 'direct' are ignored",
        "Move the proxies before 'direct', or remove them: Go ignores everything after 'direct'.",
        DiagnosticCategory.Policy);

    /// <summary>A proxy reached over plain HTTP.</summary>
    public static readonly DiagnosticDescriptor InsecureProxy = new(
        "GOMIRROR0005",
        DiagnosticSeverity.Warning,
        "GOPROXY entry uses plain http://",
        "Use https:// unless the proxy is on a network you trust; module contents are still checked against go.sum and the checksum database.",
        DiagnosticCategory.Policy);

    /// <summary>GOSUMDB=off: nothing checks downloads that go.sum does not cover yet.</summary>
    public static readonly DiagnosticDescriptor ChecksumDatabaseOff = new(
        "GOMIRROR0006",
        DiagnosticSeverity.Warning,
        "The checksum database is turned off",
        "Leave GOSUMDB unset (sum.golang.org) and list private module paths in GOPRIVATE or GONOSUMDB instead of turning the database off.",
        DiagnosticCategory.Policy);

    /// <summary>GOSUMDB names a database other than sum.golang.org without its verifier key.</summary>
    public static readonly DiagnosticDescriptor ChecksumDatabaseKeyMissing = new(
        "GOMIRROR0007",
        DiagnosticSeverity.Error,
        "GOSUMDB names a checksum database without its key",
        "Write the full verifier key, name+hash+key (optionally followed by a space and the URL); only sum.golang.org has a key built into Go.",
        DiagnosticCategory.Policy);

    /// <summary>A GOSUMDB value Go would reject.</summary>
    public static readonly DiagnosticDescriptor MalformedChecksumDatabase = new(
        "GOMIRROR0008",
        DiagnosticSeverity.Error,
        "GOSUMDB is malformed",
        "Write GOSUMDB as 'off', a name, or name+hash+key, optionally followed by one space and the database URL.",
        DiagnosticCategory.Policy);

    /// <summary>A variable that looks like a misspelt Go policy variable; Go ignores it.</summary>
    public static readonly DiagnosticDescriptor UnknownGoVariable = new(
        "GOMIRROR0009",
        DiagnosticSeverity.Warning,
        "Go does not know this variable",
        "Rename the variable to the Go variable it was meant to be; Go silently ignores names it does not know.",
        DiagnosticCategory.Policy);

    /// <summary>A glob in GOPRIVATE, GONOPROXY, GONOSUMDB or GOINSECURE that never matches because it is malformed.</summary>
    public static readonly DiagnosticDescriptor MalformedPattern = new(
        "GOMIRROR0010",
        DiagnosticSeverity.Warning,
        "Module path pattern is malformed and matches nothing",
        "Fix the glob: '*' and '?' match within one path element, '[...]' needs a closing ']' and a non-empty set, '\\' must escape a character.",
        DiagnosticCategory.Policy);

    /// <summary>GOMODCACHE or GOPATH is a relative path.</summary>
    public static readonly DiagnosticDescriptor RelativeModuleCache = new(
        "GOMIRROR0011",
        DiagnosticSeverity.Error,
        "GOMODCACHE or GOPATH is not an absolute path",
        "Set GOMODCACHE (and GOPATH) to an absolute path; Go refuses relative ones.",
        DiagnosticCategory.Policy);

    /// <summary>Neither GOMODCACHE nor GOPATH nor a home directory tells where the module cache is.</summary>
    public static readonly DiagnosticDescriptor ModuleCacheUnknown = new(
        "GOMIRROR0012",
        DiagnosticSeverity.Error,
        "The module cache location cannot be determined",
        "Set GOMODCACHE to an absolute path (or GOPATH, or make HOME/USERPROFILE available).",
        DiagnosticCategory.Policy);

    /// <summary>A GONOPROXY pattern that GONOSUMDB does not cover while the checksum database is on.</summary>
    public static readonly DiagnosticDescriptor PrivatePathSentToChecksumDatabase = new(
        "GOMIRROR0013",
        DiagnosticSeverity.Warning,
        "Private module paths would be looked up in the public checksum database",
        "Put private paths in GOPRIVATE (it sets both GONOPROXY and GONOSUMDB), or add the pattern to GONOSUMDB too.",
        DiagnosticCategory.Policy);

    /// <summary>GOPROXY=off explained.</summary>
    public static readonly DiagnosticDescriptor ProxyOff = new(
        "GOMIRROR0014",
        DiagnosticSeverity.Info,
        "GOPROXY=off: no module is downloaded",
        "Nothing to fix if this build must use the module cache only; otherwise set GOPROXY to your mirror.",
        DiagnosticCategory.Policy);

    /// <summary>GOPROXY=direct explained.</summary>
    public static readonly DiagnosticDescriptor DirectOnly = new(
        "GOMIRROR0015",
        DiagnosticSeverity.Info,
        "GOPROXY=direct: modules come from version control, not a proxy",
        "Set GOPROXY to a module proxy (e.g. https://proxy.golang.org or your mirror) to pre-warm the cache in parallel.",
        DiagnosticCategory.Policy);

    /// <summary>GOFLAGS holds a word that is not a flag.</summary>
    public static readonly DiagnosticDescriptor MalformedGoFlags = new(
        "GOMIRROR0016",
        DiagnosticSeverity.Error,
        "GOFLAGS holds a word that is not a flag",
        "Write GOFLAGS as space-separated flags, each '-name' or '-name=value' (a value cannot be a separate word).",
        DiagnosticCategory.Policy);

    /// <summary>GoMirrorSumDbUnverifiedSeverity is not error, warning or info.</summary>
    public static readonly DiagnosticDescriptor InvalidUnverifiedSeverity = new(
        "GOMIRROR0017",
        DiagnosticSeverity.Error,
        "GoMirrorSumDbUnverifiedSeverity is not a severity",
        "Write error, warning or info (any case). Unverified versions cannot be silenced: the report records them either way, and info never fails a build.",
        DiagnosticCategory.Policy);

    /// <summary>gomirror.json is not JSON (a syntax error at a line and column).</summary>
    public static readonly DiagnosticDescriptor MalformedPolicyFile = new(
        "GOMIRROR0020",
        DiagnosticSeverity.Error,
        "The policy file is not valid JSON",
        "Fix the JSON at the line and column named (comments and trailing commas are allowed); docs/schema/gomirror.schema.json describes the file.",
        DiagnosticCategory.Policy);

    /// <summary>gomirror.json is JSON but holds a key, a value type or a Go variable the schema does not allow.</summary>
    public static readonly DiagnosticDescriptor InvalidPolicyFile = new(
        "GOMIRROR0021",
        DiagnosticSeverity.Error,
        "The policy file holds something its schema does not allow",
        "Use only the keys docs/schema/gomirror.schema.json lists: $schema, defaultProfile, ciProfile, go, routes and profiles (each with go and routes); values are strings, go names policy variables.",
        DiagnosticCategory.Policy);

    /// <summary>The selected profile is not defined in gomirror.json.</summary>
    public static readonly DiagnosticDescriptor UnknownProfile = new(
        "GOMIRROR0022",
        DiagnosticSeverity.Error,
        "The selected profile is not defined in the policy file",
        "Name one of the profiles the policy file defines (GoMirrorProfile, GOMIRROR_PROFILE, ciProfile, defaultProfile), or add the profile to its profiles object.",
        DiagnosticCategory.Policy);

    /// <summary>A route's pattern is not an exact module path or a prefix ending in one '*'.</summary>
    public static readonly DiagnosticDescriptor MalformedRoutePattern = new(
        "GOMIRROR0023",
        DiagnosticSeverity.Error,
        "A route's module path pattern is malformed",
        "Write a route pattern as an exact module path (example.com/tool) or a prefix followed by one '*' at the end (git.corp.example/*), without spaces, ',' or '='.",
        DiagnosticCategory.Policy);

    /// <summary>A route's proxy list is not a GOPROXY list Go would accept, or starts with direct.</summary>
    public static readonly DiagnosticDescriptor MalformedRouteProxy = new(
        "GOMIRROR0024",
        DiagnosticSeverity.Error,
        "A route's proxy list is malformed",
        "Write a route's Proxy as a GOPROXY list: proxy URLs separated by ',' or '|', optionally ending in direct or off; it must start with a proxy or off (for direct fetches use GONOPROXY).",
        DiagnosticCategory.Policy);

    /// <summary>A route sends paths GOPRIVATE or GONOPROXY names to a public proxy.</summary>
    public static readonly DiagnosticDescriptor PrivateRouteToPublicProxy = new(
        "GOMIRROR0025",
        DiagnosticSeverity.Error,
        "A route sends private module paths to a public proxy",
        "Route private paths only to your own proxy, or remove the route: GOPRIVATE/GONOPROXY paths are fetched directly and must never reach a public mirror.",
        DiagnosticCategory.Policy);

    /// <summary>One pattern routed twice by the same source with different proxy lists.</summary>
    public static readonly DiagnosticDescriptor DuplicateRoute = new(
        "GOMIRROR0026",
        DiagnosticSeverity.Error,
        "The same route pattern is given twice with different proxies",
        "Keep one route per pattern in each place routes are written (GoMirrorRoute items, Routes, the policy file's routes).",
        DiagnosticCategory.Policy);

    /// <summary>A route GONOPROXY always wins over, so it is never used.</summary>
    public static readonly DiagnosticDescriptor RouteShadowedByNoProxy = new(
        "GOMIRROR0027",
        DiagnosticSeverity.Info,
        "A route is never used: GONOPROXY/GOPRIVATE send its paths direct",
        "Remove the route, or take its paths out of GONOPROXY/GOPRIVATE if they should come from the route's proxy.",
        DiagnosticCategory.Policy);

    /// <summary>The policy file GoMirrorPolicyFile names does not exist or cannot be read.</summary>
    public static readonly DiagnosticDescriptor PolicyFileNotFound = new(
        "GOMIRROR0028",
        DiagnosticSeverity.Error,
        "The policy file cannot be read",
        "Point GoMirrorPolicyFile at an existing gomirror.json, or leave it unset to use the nearest one above the project (none for no file).",
        DiagnosticCategory.Policy);

    /// <summary>A routed module version the go command would fetch from GOPROXY instead of its route.</summary>
    public static readonly DiagnosticDescriptor RoutedModuleNotWarmed = new(
        "GOMIRROR0029",
        DiagnosticSeverity.Error,
        "A routed module is not in the module cache, so go mod download would fetch it from GOPROXY",
        "Run the pre-warm first (it fetches routed modules from their routes): the go command has one GOPROXY and would ask it, not the route, for a module the cache lacks.",
        DiagnosticCategory.Policy);
}
