using System.Buffers;
using System.Text;

namespace GoMirror.Core.Policy;

/// <summary>
/// A comma-separated list of module path prefix globs, as GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE
/// hold, matched exactly like <c>golang.org/x/mod/module.MatchPrefixPatterns</c>: empty entries are
/// skipped, a trailing <c>/</c> is removed, a glob with n slashes is matched with <see cref="GoPathGlob"/>
/// against the first n+1 elements of the path (no match when the path has fewer), and malformed globs
/// match nothing. So <c>*.corp.com</c> matches <c>git.corp.com/a/b</c>, and <c>none</c> is an ordinary
/// pattern.
/// </summary>
internal sealed class ModulePathPatterns
{
    // Module paths are short; longer ones are encoded into a rented buffer.
    private const int StackBufferBytes = 512;

    // The globs as UTF-8 with their slash counts, prepared once so that matching a path allocates nothing.
    private readonly PreparedGlob[] _prepared;

    private ModulePathPatterns(string value, string[] globs)
    {
        Value = value;
        Globs = globs;
        _prepared = Array.ConvertAll(globs, g => new PreparedGlob(g));
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
        if (_prepared.Length == 0)
        {
            return false;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(modulePath.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            ReadOnlySpan<byte> path = buffer[..Encoding.UTF8.GetBytes(modulePath, buffer)];
            foreach (var glob in _prepared)
            {
                if (MatchesPrefix(glob, path))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when <paramref name="glob"/> (one glob, no commas) matches a prefix of <paramref name="modulePath"/>.</summary>
    public static bool MatchesPrefix(string glob, string modulePath)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(modulePath);
        return MatchesPrefix(new PreparedGlob(glob), Encoding.UTF8.GetBytes(modulePath));
    }

    // A glob with n slashes matches the first n+1 elements of the path; '/' is one byte in UTF-8, so the
    // prefix can be cut from the encoded path.
    private static bool MatchesPrefix(PreparedGlob glob, ReadOnlySpan<byte> path)
    {
        var slashesLeft = glob.Slashes;
        var prefix = path;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '/')
            {
                continue;
            }

            if (slashesLeft == 0)
            {
                prefix = path[..i];
                break;
            }

            slashesLeft--;
        }

        return slashesLeft == 0 && GoPathGlob.MatchUtf8(glob.Utf8, prefix);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private sealed class PreparedGlob(string glob)
    {
        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(glob);

        public int Slashes { get; } = glob.AsSpan().Count('/');
    }
}
