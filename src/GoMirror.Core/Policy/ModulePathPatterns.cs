namespace GoMirror.Core.Policy;

/// <summary>
/// A comma-separated list of module path prefix globs, as GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE
/// hold, matched exactly like <c>golang.org/x/mod/module.MatchPrefixPatterns</c>: empty entries are
/// skipped, a trailing <c>/</c> is removed, a glob with n slashes is matched with <see cref="GoPathGlob"/>
/// against the first n+1 elements of the path (no match when the path has fewer), and malformed globs
/// match nothing. So <c>*.corp.com</c> matches <c>git.corp.com/a/b</c>, and <c>none</c> is an ordinary
/// pattern.
/// </summary>
public sealed class ModulePathPatterns
{
    private ModulePathPatterns(string value, IReadOnlyList<string> globs)
    {
        Value = value;
        Globs = globs;
    }

    /// <summary>The list that matches nothing.</summary>
    public static ModulePathPatterns Empty { get; } = Parse(string.Empty);

    /// <summary>The value as written.</summary>
    public string Value { get; }

    /// <summary>The non-empty globs, trailing <c>/</c> removed, in order, malformed ones included.</summary>
    public IReadOnlyList<string> Globs { get; }

    /// <summary>The globs Go ignores because they are malformed (they never match).</summary>
    public IReadOnlyList<string> MalformedGlobs => [.. Globs.Where(g => !GoPathGlob.IsWellFormed(g))];

    /// <summary>Splits <paramref name="value"/> into its globs.</summary>
    public static ModulePathPatterns Parse(string? value)
    {
        value ??= string.Empty;
        var globs = value.Split(',')
            .Select(g => g.EndsWith('/') ? g[..^1] : g)
            .Where(g => g.Length > 0)
            .ToArray();
        return new ModulePathPatterns(value, globs);
    }

    /// <summary>True when any glob matches a prefix of <paramref name="modulePath"/>.</summary>
    public bool Matches(string modulePath)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        return Globs.Any(glob => MatchesPrefix(glob, modulePath));
    }

    /// <summary>True when <paramref name="glob"/> (one glob, no commas) matches a prefix of <paramref name="modulePath"/>.</summary>
    public static bool MatchesPrefix(string glob, string modulePath)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(modulePath);
        var slashesLeft = glob.Count(c => c == '/');
        var prefix = modulePath;
        for (var i = 0; i < modulePath.Length; i++)
        {
            if (modulePath[i] != '/')
            {
                continue;
            }

            if (slashesLeft == 0)
            {
                prefix = modulePath[..i];
                break;
            }

            slashesLeft--;
        }

        return slashesLeft == 0 && GoPathGlob.Match(glob, prefix);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
