using System.Text;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// The <c>.ziphash</c> file: the zip's <c>h1:</c> hash, read under a shared lock and written under an
/// exclusive lock on the file itself, as Go's <c>lockedfile.Read</c>/<c>lockedfile.Create</c> do.
/// </summary>
internal static class ZipHashFile
{
    private const int HashLength = 47; // "h1:" + base64 of 32 bytes

    /// <summary>Reads a valid hash, or null when the file is missing or damaged (then Go would re-hash the zip).</summary>
    public static string? TryRead(string path)
    {
        using var file = LockedFile.LockShared(path);
        if (file is null)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(file.ReadAll()).Trim();
        return IsValid(text) ? text : null;
    }

    /// <summary>
    /// Go's <c>isValidSum</c> (a cut-short write leaves NUL bytes, so their absence and the exact length show a
    /// complete write), plus the <c>h1:</c> prefix and base64 alphabet that Go's <c>checkMod</c> expects.
    /// </summary>
    public static bool IsValid(string text)
    {
        if (text.Length != HashLength || !text.StartsWith("h1:", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 3; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' || (c == '=' && i == text.Length - 1)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="hash"/> the way Go's <c>hashZip</c> does.</summary>
    public static async Task WriteAsync(string path, string hash, CancellationToken cancellationToken)
    {
        using var file = await LockedFile.LockExclusiveAsync(path, cancellationToken).ConfigureAwait(false);
        file.Overwrite(Encoding.ASCII.GetBytes(hash));
    }
}
