using System.IO.Compression;

namespace GoMirror.Testing.NuGetFeed;

/// <summary>
/// A package's zip entries as raw names (as NuGet wrote them: it escapes '@' and '!') and bytes, in order, and
/// back: what a test rewrites to make a damaged or tampered package.
/// </summary>
public static class PackageEntries
{
    /// <summary>The entries of <paramref name="package"/>, in their order.</summary>
    public static List<(string Name, byte[] Content)> Read(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return [.. input.Entries.Select(e => (e.FullName, Content(e)))];
    }

    /// <summary>A zip of <paramref name="entries"/>, in that order.</summary>
    public static byte[] Write(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static byte[] Content(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
