namespace GoMirror.Core.Policy;

/// <summary>
/// Finds names that look like misspellings of the nine policy variables (GONOSUMCHECK, GO_PROXY,
/// GOPRIVATES...). Go silently ignores such names, so a policy written with them is silently not applied.
/// </summary>
internal static class GoVariableSpelling
{
    // Every variable some Go release reads (internal/cfg KnownEnv of 1.19 and later, and the runtime's):
    // none of these is a misspelling, however close it looks.
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64", "GOAUTH", "GOBIN", "GOCACHE",
        "GOCACHEPROG", "GOCOVERDIR", "GODEBUG", "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140", "GOFLAGS",
        "GOGC", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOLOONG64", "GOMAXPROCS",
        "GOMEMLIMIT", "GOMIPS", "GOMIPS64", "GOMOD", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH",
        "GOPPC64", "GOPRIVATE", "GOPROXY", "GORACE", "GORISCV64", "GOROOT", "GOROOT_FINAL", "GOSUMDB",
        "GOTELEMETRY", "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN", "GOTOOLDIR", "GOTRACEBACK", "GOVCS",
        "GOVERSION", "GOWASM", "GOWORK", "GO_EXTLINK_ENABLED",
    };

    // A stem only one policy variable starts with; a longer name carrying it is almost surely meant as it.
    private static readonly (string Stem, string Variable)[] Stems =
    [
        ("GONOSUM", PolicyVariables.GoNoSumDb),
        ("GONOPROX", PolicyVariables.GoNoProxy),
        ("GOSUM", PolicyVariables.GoSumDb),
        ("GOPROX", PolicyVariables.GoProxy),
        ("GOPRIV", PolicyVariables.GoPrivate),
        ("GOINSEC", PolicyVariables.GoInsecure),
        ("GOFLAG", PolicyVariables.GoFlags),
        ("GOMODCACHE", PolicyVariables.GoModCache),
    ];

    /// <summary>The policy variable <paramref name="name"/> was probably meant to be, or null when it is a
    /// real Go variable or unrelated.</summary>
    public static string? MeantVariable(string name, GoHostOS os)
    {
        var upper = name.ToUpperInvariant();
        if (Known.Contains(os == GoHostOS.Windows ? upper : name) || !upper.StartsWith("GO", StringComparison.Ordinal))
        {
            return null;
        }

        var squashed = upper.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        foreach (var (stem, variable) in Stems)
        {
            if (squashed.StartsWith(stem, StringComparison.Ordinal))
            {
                return variable;
            }
        }

        return PolicyVariables.All
            .Select(name => (Name: name, Distance: EditDistance(squashed, name)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
