using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GoMirror.Core.Modules;

/// <summary>
/// Go's case encoding of module paths and versions for file systems and URLs that may be
/// case-insensitive: every upper-case ASCII letter becomes <c>!</c> plus its lower-case form
/// (<c>github.com/Azure</c> → <c>github.com/!azure</c>). The same escaped form names proxy URLs
/// (<c>$base/&lt;escaped path&gt;/@v/&lt;escaped version&gt;.zip</c>) and module cache folders.
/// </summary>
internal static class ModuleEscaping
{
    /// <summary>Escapes a module path or version. Does not validate it; callers check paths and versions first.</summary>
    /// <exception cref="ArgumentException">The text contains <c>!</c>, which an escaped form could not round-trip.</exception>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('!', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{text}' contains '!', which Go does not allow in module paths or versions", nameof(text));
        }

        var needs = false;
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z')
            {
                builder.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reverses <see cref="Escape"/>. Returns false for text Go would reject: non-ASCII, upper-case letters,
    /// <c>!</c> not followed by a lower-case letter, or a trailing <c>!</c>.
    /// </summary>
    public static bool TryUnescape(string escaped, out string text)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        var builder = new StringBuilder(escaped.Length);
        var bang = false;
        foreach (var c in escaped)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                text = string.Empty;
                return false;
            }

            if (bang)
            {
                if (c is < 'a' or > 'z')
                {
                    text = string.Empty;
                    return false;
                }

                builder.Append((char)(c - ('a' - 'A')));
                bang = false;
            }
            else if (c == '!')
            {
                bang = true;
            }
            else
            {
                builder.Append(c);
            }
        }

        text = bang ? string.Empty : builder.ToString();
        return !bang;
    }

    /// <summary>
    /// Escapes a module path after checking it as Go's module.EscapePath does. Returns false, with Go's reason,
    /// for a path <see cref="ModulePath.IsValid(string, out string?)"/> rejects.
    /// </summary>
    public static bool TryEscapePath(string path, out string escaped, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!ModulePath.IsValid(path, out problem))
        {
            escaped = string.Empty;
            problem = $"malformed module path {GoUnicode.Quote(path)}: {problem}";
            return false;
        }

        escaped = Escape(path);
        return true;
    }

    /// <summary>
    /// Escapes a version after checking it as Go's module.EscapeVersion does: it must be a valid file name element
    /// (see <see cref="ModulePath.IsValidFilePath"/>) without <c>!</c>, and ASCII, because Go's escaping refuses
    /// the non-ASCII letters a file name may hold. Any such text is accepted, not only semantic versions, because
    /// proxies are asked for queries such as branch names too.
    /// </summary>
    public static bool TryEscapeVersion(string version, out string escaped, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (ModulePath.CheckFileElement(version) is not null || version.Contains('!', StringComparison.Ordinal))
        {
            escaped = string.Empty;
            problem = $"version {GoUnicode.Quote(version)} invalid: disallowed version string";
            return false;
        }

        if (!Ascii.IsValid(version))
        {
            // Go's words for a non-ASCII letter, which the file-name check lets through and escaping cannot encode.
            escaped = string.Empty;
            problem = "internal error: inconsistency in EscapePath";
            return false;
        }

        escaped = Escape(version);
        problem = null;
        return true;
    }

    /// <summary>
    /// Reverses <see cref="TryEscapePath"/> as Go's module.UnescapePath: the escaping must be well formed
    /// (<see cref="TryUnescape"/>) and the result a valid module path.
    /// </summary>
    public static bool TryUnescapePath(string escaped, out string path, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        if (!TryUnescape(escaped, out path))
        {
            problem = $"invalid escaped module path {GoUnicode.Quote(escaped)}";
            return false;
        }

        if (!ModulePath.IsValid(path, out var reason))
        {
            problem = $"invalid escaped module path {GoUnicode.Quote(escaped)}: malformed module path {GoUnicode.Quote(path)}: {reason}";
            path = string.Empty;
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Reverses <see cref="TryEscapeVersion"/> as Go's module.UnescapeVersion: the escaping must be well formed
    /// and the result a valid file name element.
    /// </summary>
    public static bool TryUnescapeVersion(string escaped, out string version, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        if (!TryUnescape(escaped, out version))
        {
            problem = $"invalid escaped version {GoUnicode.Quote(escaped)}";
            return false;
        }

        if (ModulePath.CheckFileElement(version) is { } reason)
        {
            problem = $"invalid escaped version {GoUnicode.Quote(version)}: {reason}";
            version = string.Empty;
            return false;
        }

        problem = null;
        return true;
    }
}
