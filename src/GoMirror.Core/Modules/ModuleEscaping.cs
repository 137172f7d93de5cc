using System.Text;

namespace GoMirror.Core.Modules;

/// <summary>
/// Go's case encoding of module paths and versions for file systems and URLs that may be
/// case-insensitive: every upper-case ASCII letter becomes <c>!</c> plus its lower-case form
/// (<c>github.com/Azure</c> → <c>github.com/!azure</c>). The same escaped form names proxy URLs
/// (<c>$base/&lt;escaped path&gt;/@v/&lt;escaped version&gt;.zip</c>) and module cache folders.
/// </summary>
public static class ModuleEscaping
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
}
