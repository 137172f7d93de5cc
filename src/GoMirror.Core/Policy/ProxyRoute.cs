using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>
/// One route: module paths matched by <see cref="Pattern"/> take <see cref="Entries"/> instead of GOPROXY, chosen as
/// NuGet's package source mapping chooses a source: an exact path wins, then the longest prefix pattern.
/// </summary>
/// <param name="Pattern">An exact module path (<c>example.com/tool</c>) or a prefix ending in <c>*</c>
/// (<c>git.corp.example/*</c>; <c>*</c> alone matches every path).</param>
/// <param name="Proxy">The proxy list as written (GOPROXY syntax; may carry credentials: never print it).</param>
/// <param name="Entries">The parsed list.</param>
/// <param name="Location">Where the route was written.</param>
/// <param name="Kind">Which level set it: <see cref="SettingSourceKind.Explicit"/> (MSBuild items, Cake, CLI) or
/// <see cref="SettingSourceKind.Profile"/> (the policy file).</param>
internal sealed record ProxyRoute(string Pattern, string Proxy, IReadOnlyList<ProxyEntry> Entries, SourceLocation Location, SettingSourceKind Kind)
{
    /// <summary>True for a prefix pattern (ending in <c>*</c>).</summary>
    public bool IsPrefix => Pattern.EndsWith('*');

    /// <summary>The text a matched path starts with (a prefix pattern), or the whole path (an exact one).</summary>
    public string Prefix => IsPrefix ? Pattern[..^1] : Pattern;

    /// <summary>The list as a person may see it: credentials masked.</summary>
    public string DisplayProxy => string.Join(string.Empty, Entries.Select((e, i) =>
        e.DisplayName + (i == Entries.Count - 1 ? string.Empty : e.FallBackOnAnyError ? "|" : ",")));

    /// <summary>True when the route applies to <paramref name="modulePath"/> (ordinal, as module paths are).</summary>
    public bool Matches(string modulePath) => IsPrefix
        ? modulePath.StartsWith(Prefix, StringComparison.Ordinal)
        : string.Equals(modulePath, Pattern, StringComparison.Ordinal);

    /// <summary>Why a pattern is malformed, or null when it is a valid exact path or prefix pattern.</summary>
    public static string? PatternProblem(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "it is empty";
        }

        if (pattern.AsSpan().IndexOfAny(" \t\r\n,=;") >= 0)
        {
            return "it holds a space, ',', '=' or ';'";
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star >= 0 && star != pattern.Length - 1
            ? "'*' may only end a prefix pattern (git.corp.example/*), as in NuGet's package source mapping"
            : null;
    }
}
