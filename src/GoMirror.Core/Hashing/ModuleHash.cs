using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;
using GoMirror.Core.Zip;

namespace GoMirror.Core.Hashing;

/// <summary>
/// Go's <c>h1:</c> hashes (golang.org/x/mod/sumdb/dirhash <c>Hash1</c>), as recorded in go.sum, the
/// checksum database and the module cache's <c>.ziphash</c>: the SHA-256 of a summary with one line per
/// file, <c>lowerhex(SHA-256(content))</c>, two spaces, the name, a newline, the files sorted by the UTF-8
/// bytes of their names. Everything is streamed: memory use does not grow with file or zip size.
/// </summary>
internal static class ModuleHash
{
    /// <summary>
    /// <c>Hash1</c> over named files: <paramref name="open"/> is called once per name, in hash order, and
    /// the stream it returns is read to its end and disposed.
    /// </summary>
    /// <exception cref="ModuleHashException">A name contains a newline (<see cref="HashingDiagnostics.NameWithNewline"/>).</exception>
    public static string Hash1(IEnumerable<string> fileNames, Func<string, Stream> open, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        ArgumentNullException.ThrowIfNull(open);
        var names = fileNames.ToArray();
        Array.Sort(names, Utf8Order.Comparer);
        using var summary = new Hash1Summary();
        foreach (var name in names)
        {
            var utf8 = Hash1Summary.EncodeName(name) ?? throw NewlineError(name, null);
            using var content = open(name);
            summary.Add(utf8, content, cancellationToken);
        }

        return summary.Finish();
    }

    /// <summary>
    /// The <c>/go.mod</c> hash of a go.sum line: <c>Hash1</c> of a single file named <c>go.mod</c> holding
    /// <paramref name="goMod"/> (the <c>.mod</c> file a proxy serves, byte for byte).
    /// </summary>
    public static string HashGoMod(ReadOnlySpan<byte> goMod)
    {
        using var summary = new Hash1Summary();
        summary.Add("go.mod"u8, goMod);
        return summary.Finish();
    }

    /// <summary>
    /// The hash of a module zip, as Go's <c>dirhash.HashZip</c> computes it for go.sum and <c>.ziphash</c>:
    /// every entry of the central directory under its stored name (including the <c>module@version/</c>
    /// prefix), content streamed one entry at a time. Compression, entry order and timestamps do not count.
    /// </summary>
    /// <exception cref="ModuleHashException">The zip cannot be read as Go reads it (damaged, an entry whose
    /// content disagrees with its declared size or CRC), or a name contains a newline.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static string HashZip(string zipPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        try
        {
            using var zip = ZipArchiveFile.Open(zipPath);
            using var digests = new ZipEntryDigests(zip.Entries, zipPath);
            var buffer = new byte[Hash1Summary.BufferSize];
            var rangeBuffer = new byte[64 * 1024];
            for (var i = 0; i < zip.Entries.Count; i++)
            {
                if (digests.Needs(i))
                {
                    using var content = zip.OpenEntry(zip.Entries[i], rangeBuffer);
                    digests.Read(i, content, buffer, cancellationToken);
                }
            }

            return digests.Finish();
        }
        catch (ZipFormatException e)
        {
            throw new ModuleHashException(
                ZipDiagnostics.CorruptZip.Create($"cannot hash {zipPath}: {e.Message}.", SourceLocation.InFile(zipPath)), e);
        }
    }

    /// <summary>
    /// The hash of an extracted module folder as <c>go mod verify</c> computes it (<c>dirhash.HashDir</c>):
    /// every file below <paramref name="directory"/>, named <c>module@version/</c> plus its relative path
    /// with forward slashes. Symbolic links count as files, as in Go: a link to a file is hashed with the file's
    /// content, a link to a folder fails. A root that is itself a link fails as in Go ("is not a directory").
    /// </summary>
    /// <exception cref="ModuleHashException">A file name contains a newline.</exception>
    /// <exception cref="IOException">A file cannot be read, or the root is not a folder.</exception>
    public static string HashDir(string directory, string modulePath, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        // Go's filepath.Walk looks at the root with Lstat: a link there is not a folder.
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(root) || new DirectoryInfo(root).LinkTarget is not null)
        {
            throw new IOException($"{root} is not a directory");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectFiles(new DirectoryInfo(root), modulePath + "@" + version + "/", files);
        return Hash1(
            files.Keys,
            name => new FileStream(files[name], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan),
            cancellationToken);
    }

    private static void CollectFiles(DirectoryInfo directory, string prefix, Dictionary<string, string> files)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            // Go's filepath.Walk does not descend into symbolic links; a link is listed like a file.
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
            {
                CollectFiles(sub, prefix + sub.Name + "/", files);
            }
            else
            {
                files[prefix + entry.Name] = entry.FullName;
            }
        }
    }

    internal static ModuleHashException NewlineError(string name, string? where) =>
        new(HashingDiagnostics.NameWithNewline.Create(
            $"the file name '{name.Replace("\n", "\\n", StringComparison.Ordinal)}' contains a newline; Go's h1: hash cannot include it.",
            where is null ? null : SourceLocation.InFile(where)));
}
