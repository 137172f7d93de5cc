namespace GoMirror.Core.Zip;

/// <summary>The bytes are not a zip Go's <c>archive/zip</c> would read, or an entry's content is corrupt.</summary>
internal class ZipFormatException(string message) : Exception(message);

/// <summary>An entry produced more bytes than its declared size; reading stopped before passing them on.</summary>
internal sealed class ZipEntryTooLargeException(string message) : ZipFormatException(message);
