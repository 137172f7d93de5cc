using GoMirror.Core.Security;

namespace GoMirror.Core.Policy;

/// <summary>What one GOPROXY list entry is.</summary>
internal enum ProxyEntryKind
{
    /// <summary>A module proxy at an <c>https://</c>, <c>http://</c> or <c>file://</c> URL.</summary>
    Url,

    /// <summary><c>direct</c>: fetch from version control. GoMirror leaves such fetches to the go command.</summary>
    Direct,

    /// <summary><c>off</c>: no fetching at all; a lookup that reaches it fails.</summary>
    Off,
}

/// <summary>
/// One parsed GOPROXY entry, in Go's semantics (cmd/go/internal/modfetch/proxy.go): the separator written
/// <em>after</em> an entry decides when the next entry is tried. <c>,</c> falls through only when this
/// entry answers 404 or 410; <c>|</c> falls through on any error, timeouts included.
/// </summary>
/// <param name="Kind">URL, <c>direct</c> or <c>off</c>.</param>
/// <param name="Url">The proxy base URL for <see cref="ProxyEntryKind.Url"/> (scheme-less entries already
/// have <c>https://</c> prepended, as Go does); <see langword="null"/> otherwise. May carry user-info
/// credentials: never print it, print <see cref="DisplayName"/>.</param>
/// <param name="FallBackOnAnyError">True when a <c>|</c> follows this entry.</param>
internal sealed record ProxyEntry(ProxyEntryKind Kind, Uri? Url, bool FallBackOnAnyError)
{
    /// <summary>The <c>direct</c> entry.</summary>
    public static ProxyEntry Direct { get; } = new(ProxyEntryKind.Direct, null, false);

    /// <summary>The <c>off</c> entry.</summary>
    public static ProxyEntry Off { get; } = new(ProxyEntryKind.Off, null, false);

    /// <summary>The entry as a person may see it: credentials masked.</summary>
    public string DisplayName => Kind switch
    {
        ProxyEntryKind.Direct => "direct",
        ProxyEntryKind.Off => "off",
        _ => CredentialRedactor.RedactText(Url!.OriginalString),
    };

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
