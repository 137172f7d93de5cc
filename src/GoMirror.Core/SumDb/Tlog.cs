using System.Numerics;
using System.Security.Cryptography;

namespace GoMirror.Core.SumDb;

/// <summary>Reads stored hashes of a log by their storage index (tlog <c>HashReader</c>).</summary>
internal interface IHashReader
{
    /// <summary>Returns the hashes at <paramref name="indexes"/>, in that order.</summary>
    ValueTask<TlogHash[]> ReadHashesAsync(long[] indexes, CancellationToken cancellationToken);
}

/// <summary>
/// The transparent log's arithmetic, as golang.org/x/mod/sumdb/tlog (tlog.go) defines it: RFC 6962 record and
/// node hashes, the storage order of every hash of the tree (level 0 hashes interleaved with the complete
/// subtrees above them), tree hashes, and inclusion ("record") and consistency ("tree") proofs.
/// </summary>
internal static class Tlog
{
    /// <summary>The hash of the empty tree: SHA-256 of nothing.</summary>
    public static readonly TlogHash EmptyTreeHash = TlogHash.FromBytes(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>The hash of one record: SHA-256 of 0x00 then the record text.</summary>
    public static TlogHash RecordHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        Span<byte> digest = stackalloc byte[TlogHash.Size];
        sha.GetHashAndReset(digest);
        return TlogHash.FromBytes(digest);
    }

    /// <summary>The hash of an interior node: SHA-256 of 0x01, the left hash, the right hash.</summary>
    public static TlogHash NodeHash(TlogHash left, TlogHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * TlogHash.Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + TlogHash.Size)..]);
        Span<byte> digest = stackalloc byte[TlogHash.Size];
        SHA256.HashData(buffer, digest);
        return TlogHash.FromBytes(digest);
    }

    /// <summary>The storage index of the hash at <paramref name="level"/>, number <paramref name="n"/>.</summary>
    public static long StoredHashIndex(int level, long n)
    {
        // Level L's n-th hash is written right after level 0's hash n<<L + (1<<L - 1), and the L-1 levels
        // between them.
        for (var l = level; l > 0; l--)
        {
            n = (2 * n) + 1;
        }

        long i = 0;
        for (; n > 0; n >>= 1)
        {
            i += n;
        }

        return i + level;
    }

    /// <summary>The inverse of <see cref="StoredHashIndex"/>.</summary>
    public static (int Level, long N) SplitStoredHashIndex(long index)
    {
        // Determine the level 0 hash n whose index is at or before index; the stored hashes after it are
        // the complete subtrees it finishes.
        var n = index / 2;
        var indexN = StoredHashIndex(0, n);
        if (indexN > index)
        {
            throw new InvalidOperationException("tlog: bad math in SplitStoredHashIndex");
        }

        while (true)
        {
            var next = indexN + 1 + BitOperations.TrailingZeroCount((ulong)(n + 1));
            if (next > index)
            {
                break;
            }

            n++;
            indexN = next;
        }

        var level = (int)(index - indexN);
        return (level, n >> level);
    }

    /// <summary>The number of stored hashes of a tree of <paramref name="n"/> records.</summary>
    public static long StoredHashCount(long n)
    {
        if (n == 0)
        {
            return 0;
        }

        var count = StoredHashIndex(0, n - 1) + 1;
        for (var i = (ulong)(n - 1); (i & 1) != 0; i >>= 1)
        {
            count++;
        }

        return count;
    }

    /// <summary>The hashes to store when record <paramref name="n"/> (with hash <paramref name="recordHash"/>)
    /// is appended: its own, then those of the subtrees it completes.</summary>
    public static async ValueTask<TlogHash[]> StoredHashesAsync(long n, TlogHash recordHash, IHashReader reader, CancellationToken cancellationToken)
    {
        var m = BitOperations.TrailingZeroCount((ulong)(n + 1));
        var indexes = new long[m];
        for (var i = 0; i < m; i++)
        {
            // The left siblings of the new hash at each level, read from the top down.
            indexes[m - 1 - i] = StoredHashIndex(i, (n >> i) - 1);
        }

        var old = await ReadExactlyAsync(reader, indexes, cancellationToken).ConfigureAwait(false);
        var hashes = new TlogHash[m + 1];
        hashes[0] = recordHash;
        var h = recordHash;
        for (var i = 0; i < m; i++)
        {
            h = NodeHash(old[m - 1 - i], h);
            hashes[i + 1] = h;
        }

        return hashes;
    }

    /// <summary>The hash of the tree of the first <paramref name="n"/> records.</summary>
    public static async ValueTask<TlogHash> TreeHashAsync(long n, IHashReader reader, CancellationToken cancellationToken)
    {
        if (n == 0)
        {
            return EmptyTreeHash;
        }

        var indexes = SubTreeIndex(0, n, []);
        var hashes = await ReadExactlyAsync(reader, [.. indexes], cancellationToken).ConfigureAwait(false);
        var (hash, used) = SubTreeHash(0, n, hashes);
        return used == hashes.Length ? hash : throw new InvalidOperationException("tlog: bad index math in TreeHash");
    }

    /// <summary>The proof that record <paramref name="n"/> is in the tree of size <paramref name="t"/>.</summary>
    public static async ValueTask<TlogHash[]> ProveRecordAsync(long t, long n, IHashReader reader, CancellationToken cancellationToken)
    {
        if (t < 0 || n < 0 || n >= t)
        {
            throw new ArgumentException("tlog: invalid inputs in ProveRecord");
        }

        return await ProveAsync(LeafProofIndex(0, t, n, []), (hashes, proof) => LeafProof(0, t, n, hashes, 0, proof), reader, "ProveRecord", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="proof"/> shows that the record with hash <paramref name="leaf"/> is
    /// record <paramref name="n"/> of the tree of size <paramref name="t"/> and hash <paramref name="treeHash"/>.</summary>
    public static bool CheckRecord(ReadOnlySpan<TlogHash> proof, long t, TlogHash treeHash, long n, TlogHash leaf)
    {
        if (t < 0 || n < 0 || n >= t)
        {
            return false;
        }

        return RunRecordProof(proof, 0, t, n, leaf) is { } computed && computed == treeHash;
    }

    /// <summary>The proof that the tree of size <paramref name="n"/> is a prefix of the tree of size <paramref name="t"/>.</summary>
    public static async ValueTask<TlogHash[]> ProveTreeAsync(long t, long n, IHashReader reader, CancellationToken cancellationToken)
    {
        if (t < 1 || n < 1 || n > t)
        {
            throw new ArgumentException("tlog: invalid inputs in ProveTree");
        }

        return await ProveAsync(TreeProofIndex(0, t, n, []), (hashes, proof) => TreeProof(0, t, n, hashes, 0, proof), reader, "ProveTree", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="proof"/> shows that the tree (<paramref name="n"/>, <paramref name="oldHash"/>)
    /// is a prefix of the tree (<paramref name="t"/>, <paramref name="treeHash"/>).</summary>
    public static bool CheckTree(ReadOnlySpan<TlogHash> proof, long t, TlogHash treeHash, long n, TlogHash oldHash)
    {
        if (t < 1 || n < 1 || n > t)
        {
            return false;
        }

        return RunTreeProof(proof, 0, t, n, oldHash) is { } result && result.Old == oldHash && result.Tree == treeHash;
    }

    // The largest power of two smaller than n, and its log2: the split of a subtree of n leaves.
    private static (long K, int Level) MaxPow2(long n)
    {
        var l = 0;
        while ((1L << (l + 1)) < n)
        {
            l++;
        }

        return (1L << l, l);
    }

    /// <summary>Appends to <paramref name="need"/> the storage indexes of the complete subtrees covering
    /// records [<paramref name="lo"/>, <paramref name="hi"/>), largest first.</summary>
    public static List<long> SubTreeIndex(long lo, long hi, List<long> need)
    {
        while (lo < hi)
        {
            var (k, level) = MaxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0)
            {
                throw new InvalidOperationException("tlog: bad math in subTreeIndex");
            }

            need.Add(StoredHashIndex(level, lo >> level));
            lo += k;
        }

        return need;
    }

    private static (TlogHash Hash, int Used) SubTreeHash(long lo, long hi, ReadOnlySpan<TlogHash> hashes)
    {
        var count = 0;
        while (lo < hi)
        {
            var (k, _) = MaxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0)
            {
                throw new InvalidOperationException("tlog: bad math in subTreeHash");
            }

            count++;
            lo += k;
        }

        if (hashes.Length < count)
        {
            throw new InvalidOperationException("tlog: bad index math in subTreeHash");
        }

        var h = hashes[count - 1];
        for (var i = count - 2; i >= 0; i--)
        {
            h = NodeHash(hashes[i], h);
        }

        return (h, count);
    }

    private static List<long> LeafProofIndex(long lo, long hi, long n, List<long> need)
    {
        if (lo + 1 == hi)
        {
            return need;
        }

        var (k, _) = MaxPow2(hi - lo);
        if (n < lo + k)
        {
            LeafProofIndex(lo, lo + k, n, need);
            SubTreeIndex(lo + k, hi, need);
        }
        else
        {
            SubTreeIndex(lo, lo + k, need);
            LeafProofIndex(lo + k, hi, n, need);
        }

        return need;
    }

    // Appends the proof for leaf n in [lo, hi) to proof, consuming hashes from start; returns the new start.
    private static int LeafProof(long lo, long hi, long n, TlogHash[] hashes, int start, List<TlogHash> proof)
    {
        if (lo + 1 == hi)
        {
            return start;
        }

        var (k, _) = MaxPow2(hi - lo);
        TlogHash th;
        if (n < lo + k)
        {
            start = LeafProof(lo, lo + k, n, hashes, start, proof);
            (th, var used) = SubTreeHash(lo + k, hi, hashes.AsSpan(start));
            start += used;
        }
        else
        {
            (th, var used) = SubTreeHash(lo, lo + k, hashes.AsSpan(start));
            start = LeafProof(lo + k, hi, n, hashes, start + used, proof);
        }

        proof.Add(th);
        return start;
    }

    private static TlogHash? RunRecordProof(ReadOnlySpan<TlogHash> proof, long lo, long hi, long n, TlogHash leaf)
    {
        if (lo + 1 == hi)
        {
            return proof.Length == 0 ? leaf : null;
        }

        if (proof.Length == 0)
        {
            return null;
        }

        var (k, _) = MaxPow2(hi - lo);
        var last = proof[^1];
        if (n < lo + k)
        {
            return RunRecordProof(proof[..^1], lo, lo + k, n, leaf) is { } left ? NodeHash(left, last) : null;
        }

        return RunRecordProof(proof[..^1], lo + k, hi, n, leaf) is { } right ? NodeHash(last, right) : null;
    }

    private static List<long> TreeProofIndex(long lo, long hi, long n, List<long> need)
    {
        if (n == hi)
        {
            return lo == 0 ? need : SubTreeIndex(lo, hi, need);
        }

        var (k, _) = MaxPow2(hi - lo);
        if (n <= lo + k)
        {
            TreeProofIndex(lo, lo + k, n, need);
            SubTreeIndex(lo + k, hi, need);
        }
        else
        {
            SubTreeIndex(lo, lo + k, need);
            TreeProofIndex(lo + k, hi, n, need);
        }

        return need;
    }

    private static int TreeProof(long lo, long hi, long n, TlogHash[] hashes, int start, List<TlogHash> proof)
    {
        if (n == hi)
        {
            if (lo == 0)
            {
                return start;
            }

            var (whole, count) = SubTreeHash(lo, hi, hashes.AsSpan(start));
            proof.Add(whole);
            return start + count;
        }

        var (k, _) = MaxPow2(hi - lo);
        TlogHash th;
        if (n <= lo + k)
        {
            start = TreeProof(lo, lo + k, n, hashes, start, proof);
            (th, var used) = SubTreeHash(lo + k, hi, hashes.AsSpan(start));
            start += used;
        }
        else
        {
            (th, var used) = SubTreeHash(lo, lo + k, hashes.AsSpan(start));
            start = TreeProof(lo + k, hi, n, hashes, start + used, proof);
        }

        proof.Add(th);
        return start;
    }

    private static (TlogHash Old, TlogHash Tree)? RunTreeProof(ReadOnlySpan<TlogHash> proof, long lo, long hi, long n, TlogHash old)
    {
        if (n == hi)
        {
            if (lo == 0)
            {
                return proof.Length == 0 ? (old, old) : null;
            }

            return proof.Length == 1 ? (proof[0], proof[0]) : null;
        }

        if (proof.Length == 0)
        {
            return null;
        }

        var (k, _) = MaxPow2(hi - lo);
        var last = proof[^1];
        if (n <= lo + k)
        {
            return RunTreeProof(proof[..^1], lo, lo + k, n, old) is { } left ? (left.Old, NodeHash(left.Tree, last)) : null;
        }

        return RunTreeProof(proof[..^1], lo + k, hi, n, old) is { } right ? (NodeHash(last, right.Old), NodeHash(last, right.Tree)) : null;
    }

    // Reads the hashes a proof needs and builds it; build returns how many hashes it used, which must be all.
    private static async ValueTask<TlogHash[]> ProveAsync(List<long> indexes, Func<TlogHash[], List<TlogHash>, int> build, IHashReader reader, string what, CancellationToken cancellationToken)
    {
        if (indexes.Count == 0)
        {
            return [];
        }

        var hashes = await ReadExactlyAsync(reader, [.. indexes], cancellationToken).ConfigureAwait(false);
        var proof = new List<TlogHash>();
        return build(hashes, proof) == hashes.Length ? [.. proof] : throw new InvalidOperationException($"tlog: bad index math in {what}");
    }

    private static async ValueTask<TlogHash[]> ReadExactlyAsync(IHashReader reader, long[] indexes, CancellationToken cancellationToken)
    {
        var hashes = await reader.ReadHashesAsync(indexes, cancellationToken).ConfigureAwait(false);
        return hashes.Length == indexes.Length
            ? hashes
            : throw new InvalidOperationException($"tlog: ReadHashes({indexes.Length} indexes) = {hashes.Length} hashes");
    }
}
