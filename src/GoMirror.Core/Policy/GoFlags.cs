using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.Policy;

/// <summary>GOFLAGS as Go splits it (cmd/go/internal/base/goflags.go): space-separated words, each a flag.</summary>
internal static class GoFlags
{
    /// <summary>
    /// Splits <paramref name="value"/> at white space. Each word must be <c>-name</c>, <c>--name</c>,
    /// <c>-name=value</c> or <c>--name=value</c>; a word that is not is reported, since Go refuses to run
    /// with it. Whether the go command knows the flag is left to Go.
    /// </summary>
    public static IReadOnlyList<string> Parse(string value, SourceLocation? location, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Where(w => !IsFlag(w)))
        {
            diagnostics.Add(PolicyDiagnostics.MalformedGoFlags.Create(
                $"GOFLAGS word '{CredentialRedactor.RedactText(word)}' is not a flag; the go command stops with \"parsing $GOFLAGS: non-flag\".",
                location));
        }

        return words;
    }

    private static bool IsFlag(string word) =>
        word.StartsWith('-') && word is not "-" and not "--"
        && !word.StartsWith("---", StringComparison.Ordinal)
        && !word.StartsWith("-=", StringComparison.Ordinal)
        && !word.StartsWith("--=", StringComparison.Ordinal);
}
