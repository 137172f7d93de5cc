using System.IO.Compression;
using System.Text;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>Searches a binary log (<c>-bl</c>) for a string, as a secret scanner would: the decompressed stream,
/// in UTF-8 and UTF-16.</summary>
public static class BinaryLogText
{
    /// <summary>The decompressed bytes of <paramref name="binlog"/>.</summary>
    public static byte[] Read(string binlog)
    {
        using var input = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>True when <paramref name="bytes"/> hold <paramref name="needle"/> in UTF-8 or UTF-16.</summary>
    public static bool Contains(byte[] bytes, string needle) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;
}
