using System.Security.Cryptography;
using GoMirror.Core.Zip;

namespace GoMirror.Core.Hashing;

/// <summary>
/// The <c>h1:</c> hash of a module zip (Go's <c>dirhash.HashZip</c>) built from one SHA-256 per entry, so the entries
/// can be read in any order, and each content read only once by whoever reads it anyway (the extractor writes a
/// file and hashes it from the same buffer). Only the digests are kept (32 bytes an entry); the summary is sorted
/// by raw name when <see cref="Finish"/> is called.
/// </summary>
internal sealed class ZipEntryDigests : IDisposable
{
    private readonly IReadOnlyList<ZipDirectoryEntry> _entries;
    private readonly int[] _order;
    private readonly int[] _source;
    private readonly byte[][] _digests;
    private readonly IncrementalHash _file = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Prepares the hash of <paramref name="entries"/> (the central directory, in stored order).</summary>
    /// <exception cref="ModuleHashException">An entry name contains a newline (<see cref="HashingDiagnostics.NameWithNewline"/>).</exception>
    public ZipEntryDigests(IReadOnlyList<ZipDirectoryEntry> entries, string zipPath)
    {
        _entries = entries;
        _order = new int[entries.Count];
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        // Byte order of the raw names; equal names keep directory order so a run ends with the last one.
        Array.Sort(_order, (a, b) =>
        {
            var c = entries[a].RawName.AsSpan().SequenceCompareTo(entries[b].RawName);
            return c != 0 ? c : a.CompareTo(b);
        });

        foreach (var index in _order)
        {
            if (entries[index].RawName.AsSpan().Contains((byte)'\n'))
            {
                throw ModuleHash.NewlineError(entries[index].Name, zipPath);
            }
        }

        // Go looks entries up by name, so duplicates all hash the content of the last one, and only that one is read.
        _source = new int[entries.Count];
        for (var i = _order.Length - 1; i >= 0; i--)
        {
            var entry = entries[_order[i]];
            _source[_order[i]] = i + 1 < _order.Length && entries[_order[i + 1]].RawName.AsSpan().SequenceEqual(entry.RawName)
                ? _source[_order[i + 1]]
                : _order[i];
        }

        _digests = new byte[entries.Count][];
    }

    /// <summary>True when the content of entry <paramref name="index"/> counts for the hash (it is the last of its name).</summary>
    public bool Needs(int index) => _source[index] == index;

    /// <summary>Adds the next part of the content of the entry being read.</summary>
    public void Append(ReadOnlySpan<byte> content) => _file.AppendData(content);

    /// <summary>Ends the content of entry <paramref name="index"/>: call once its stream has returned 0 (and so passed its checks).</summary>
    public void Complete(int index) => _digests[index] = _file.GetHashAndReset();

    /// <summary>Reads the content of entry <paramref name="index"/> to its end and records its digest.</summary>
    public void Read(int index, Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        int n;
        while ((n = content.Read(buffer)) > 0)
        {
            _file.AppendData(buffer, 0, n);
            cancellationToken.ThrowIfCancellationRequested();
        }

        Complete(index);
    }

    /// <summary>The <c>h1:</c> hash; every entry that <see cref="Needs"/> reading must have been completed.</summary>
    /// <exception cref="InvalidOperationException">An entry's content was not read.</exception>
    public string Finish()
    {
        using var summary = new Hash1Summary();
        foreach (var index in _order)
        {
            var digest = _digests[_source[index]] ?? throw new InvalidOperationException($"the content of zip entry '{_entries[index].Name}' was not hashed");
            summary.AddDigest(_entries[index].RawName, digest);
        }

        return summary.Finish();
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
