using System.Globalization;
using System.Text;

namespace GoMirror.Core.Publishing;

/// <summary>
/// Go's rules for file paths inside a module zip (golang.org/x/mod/module CheckFilePath, and the
/// case-folding key of x/mod/zip), as publishing needs them while it builds a zip. The zip checker for
/// downloaded zips belongs to GoMirror.Core.Zip; once it is there, publishing should use it instead.
/// </summary>
internal static class ZipFileNameRules
{
    private const string AllowedPunctuation = "!#$%&()+,-.=@[]^_{}~ ";

    // Windows reserves these names with any extension, in any letter case.
    private static readonly string[] WindowsReservedNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>Returns why Go rejects <paramref name="path"/> (relative, '/'-separated) as a zip file path, or null.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        foreach (var element in path.Split('/'))
        {
            if (ElementProblem(element) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// A key that is equal for two paths when Go's case-insensitive comparison finds them equal: README and
    /// readme collide; Straße and STRASSE do not, because Go folds one letter at a time.
    /// </summary>
    public static string FoldKey(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var rune in path.EnumerateRunes())
        {
            builder.Append(Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)));
        }

        return builder.ToString();
    }

    private static string? ElementProblem(string element)
    {
        if (element.Length == 0)
        {
            return "it has an empty path element";
        }

        if (element.All(c => c == '.'))
        {
            return $"element '{element}' is made only of dots";
        }

        if (element.EndsWith('.'))
        {
            return $"element '{element}' ends with a dot";
        }

        foreach (var rune in element.EnumerateRunes())
        {
            if (!Allowed(rune))
            {
                return rune == Rune.ReplacementChar
                    ? $"element '{element}' is not valid UTF-8"
                    : $"element '{element}' contains '{rune}' (U+{rune.Value:X4}), which Go does not allow in module file names";
            }
        }

        var stem = element.Split('.')[0];
        return WindowsReservedNames.Any(r => string.Equals(r, stem, StringComparison.OrdinalIgnoreCase))
            ? $"element '{element}' uses '{stem}', a name Windows reserves"
            : null;
    }

    private static bool Allowed(Rune rune) => rune.IsAscii
        ? char.IsAsciiLetterOrDigit((char)rune.Value) || AllowedPunctuation.Contains((char)rune.Value, StringComparison.Ordinal)
        : Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
}
