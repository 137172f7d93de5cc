using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace GoMirror.Core.Hashing;

/// <summary>
/// Builds one <c>h1:</c> hash: callers add files in sorted order, each line of the summary
/// (<c>lowerhex(SHA-256(content))</c>, two spaces, name, newline) goes straight into the outer SHA-256, so
/// neither the summary nor any content is ever held in memory. One read buffer and two hash objects are
/// reused for every file.
/// </summary>
internal sealed class Hash1Summary : IDisposable
{
    /// <summary>Read size: large enough that the per-call overhead of SHA-256 and I/O disappears.</summary>
    internal const int BufferSize = 128 * 1024;

    private readonly IncrementalHash _summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _file = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly byte[] _line = new byte[64 + 2];

    /// <summary>Adds a file whose content is in memory.</summary>
    public void Add(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> content)
    {
        _file.AppendData(content);
        AppendLine(utf8Name);
    }

    /// <summary>Adds a file by reading <paramref name="content"/> to its end.</summary>
    public void Add(ReadOnlySpan<byte> utf8Name, Stream content, CancellationToken cancellationToken)
    {
        int n;
        while ((n = content.Read(_buffer, 0, BufferSize)) > 0)
        {
            _file.AppendData(_buffer, 0, n);
            cancellationToken.ThrowIfCancellationRequested();
        }

        AppendLine(utf8Name);
    }

    /// <summary>Adds a file whose content's SHA-256 <paramref name="sha256"/> is already known.</summary>
    public void AddDigest(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> sha256)
    {
        const string hex = "0123456789abcdef";
        for (var i = 0; i < sha256.Length; i++)
        {
            _line[2 * i] = (byte)hex[sha256[i] >> 4];
            _line[(2 * i) + 1] = (byte)hex[sha256[i] & 0xF];
        }

        _line[64] = (byte)' ';
        _line[65] = (byte)' ';
        _summary.AppendData(_line);
        _summary.AppendData(utf8Name);
        _summary.AppendData("\n"u8);
    }

    /// <summary>The finished hash, <c>h1:</c> plus standard padded base64 of the summary's SHA-256.</summary>
    public string Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        _summary.GetHashAndReset(digest);
        return "h1:" + Convert.ToBase64String(digest);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _summary.Dispose();
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    /// <summary>The name as UTF-8, or null when it holds a newline (which the summary cannot represent).</summary>
    internal static byte[]? EncodeName(string name) =>
        name.Contains('\n', StringComparison.Ordinal) ? null : Encoding.UTF8.GetBytes(name);

    private void AppendLine(ReadOnlySpan<byte> utf8Name)
    {
        Span<byte> digest = stackalloc byte[32];
        _file.GetHashAndReset(digest);
        AddDigest(utf8Name, digest);
    }
}
