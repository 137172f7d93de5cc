using System.Diagnostics.CodeAnalysis;
using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.GoMod;

/// <summary>
/// A go.sum read as the go command reads it (cmd/go/internal/modfetch readGoSum): lines split on <c>\n</c>,
/// fields on white space, blank lines skipped, lines with the hash of an empty go.mod dropped. A line
/// without exactly three fields is an error (Go 1.20+ stops with "malformed go.sum"; Go 1.19 silently ignores
/// it and every line after it); this reader reports each one and keeps reading.
/// </summary>
internal sealed class GoSumFile
{
    private readonly Dictionary<ModuleVersion, List<GoSumEntry>> _byModule;

    private GoSumFile(string fileName, List<GoSumEntry> entries)
    {
        FileName = fileName;
        Entries = entries;
        _byModule = [];
        foreach (var entry in entries)
        {
            if (!_byModule.TryGetValue(entry.Module, out var list))
            {
                _byModule[entry.Module] = list = [];
            }

            list.Add(entry);
        }
    }

    /// <summary>The file name used in locations.</summary>
    public string FileName { get; }

    /// <summary>Every entry, in file order.</summary>
    public IReadOnlyList<GoSumEntry> Entries { get; }

    /// <summary>Module versions with a zip hash: their zip (and .mod) must be downloaded and checked. Sorted in Go's order.</summary>
    public IReadOnlyList<ModuleVersion> ModulesNeedingZip =>
        [.. _byModule.Keys.Where(m => !m.Version.EndsWith(ModuleVersion.GoModSuffix, StringComparison.Ordinal)).Order(ModuleVersion.Comparer)];

    /// <summary>Module versions with only a <c>/go.mod</c> hash: only their .mod is needed (for the module graph). Sorted in Go's order.</summary>
    public IReadOnlyList<ModuleVersion> ModulesNeedingOnlyGoMod =>
        [.. _byModule.Values
            .Select(l => l[0])
            .Where(e => e.IsGoModHash && !_byModule.ContainsKey(e.BareModule))
            .Select(e => e.BareModule)
            .Order(ModuleVersion.Comparer)];

    /// <summary>Reads a go.sum file. A missing file is an empty go.sum, as for Go; an unreadable one gives GOMIRROR0140.</summary>
    public static GoSumReadResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Read(path, File.Exists(path) ? File.ReadAllBytes(path) : []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GoSumReadResult(new GoSumFile(path, []), [GoModDiagnostics.GoSumMalformedLine.Create(
                $"cannot read {path}: {e.Message}", SourceLocation.InFile(path), "Check that go.sum is readable.")]);
        }
    }

    /// <summary>Parses the bytes of a go.sum; <paramref name="fileName"/> names the file in locations.</summary>
    public static GoSumReadResult Read(string fileName, ReadOnlySpan<byte> content) =>
        // No byte order mark detection: for Go a mark is part of the first line's module path.
        Read(fileName, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(content));

    /// <summary>Parses go.sum text; <paramref name="fileName"/> names the file in locations.</summary>
    public static GoSumReadResult Read(string fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var entries = new List<GoSumEntry>();
        var diagnostics = new List<Diagnostic>();
        var firstHash = new Dictionary<ModuleVersion, GoSumEntry>();
        var lineNumber = 0;
        foreach (var line in content.Split('\n'))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            var location = SourceLocation.InFile(fileName, lineNumber);
            if (fields.Length != 3)
            {
                diagnostics.Add(GoModDiagnostics.GoSumMalformedLine.Create(
                    $"malformed go.sum: {fileName}:{lineNumber}: wrong number of fields {fields.Length}", location));
                continue;
            }

            if (fields[2] == GoSumEntry.EmptyGoModHash)
            {
                diagnostics.Add(GoModDiagnostics.GoSumEmptyGoModHash.Create(
                    $"{fileName}:{lineNumber}: {fields[0]} {fields[1]} has the hash of an empty go.mod; Go ignores this line", location));
                continue;
            }

            var entry = new GoSumEntry(new ModuleVersion(fields[0], fields[1]), fields[2], lineNumber);
            if (firstHash.TryGetValue(entry.Module, out var first))
            {
                if (first.Hash != entry.Hash && entry.Hash.StartsWith("h1:", StringComparison.Ordinal) && first.Hash.StartsWith("h1:", StringComparison.Ordinal))
                {
                    diagnostics.Add(GoModDiagnostics.GoSumConflictingHashes.Create(
                        $"{fileName}:{lineNumber}: {entry.Module} has hash {entry.Hash}, but line {first.Line} has {first.Hash}; Go checks downloads against the first",
                        location));
                }
            }
            else
            {
                firstHash[entry.Module] = entry;
            }

            entries.Add(entry);
        }

        return new GoSumReadResult(new GoSumFile(fileName, entries), diagnostics);
    }

    /// <summary>
    /// The expected zip hash of a module version: the first <c>h1:</c> line for it, whose line number serves diagnostics.
    /// </summary>
    public bool TryGetZipHash(string path, string version, [NotNullWhen(true)] out GoSumEntry? entry) =>
        TryGetFirst(new ModuleVersion(path, version), out entry);

    /// <summary>The expected hash of a module version's go.mod: its first <c>version/go.mod h1:</c> line.</summary>
    public bool TryGetGoModHash(string path, string version, [NotNullWhen(true)] out GoSumEntry? entry) =>
        TryGetFirst(new ModuleVersion(path, version + ModuleVersion.GoModSuffix), out entry);

    /// <summary>Every entry for a module and version field (with or without <c>/go.mod</c>), in file order.</summary>
    public IReadOnlyList<GoSumEntry> EntriesFor(ModuleVersion module) =>
        _byModule.TryGetValue(module, out var list) ? list : [];

    /// <summary>This go.sum's entries in Go's own format (<see cref="GoSumWriter.Format"/>).</summary>
    public string Format() => GoSumWriter.Format(Entries);

    private bool TryGetFirst(ModuleVersion key, [NotNullWhen(true)] out GoSumEntry? entry)
    {
        entry = _byModule.TryGetValue(key, out var list) ? list.Find(e => e.Hash.StartsWith("h1:", StringComparison.Ordinal)) : null;
        return entry is not null;
    }
}

/// <summary>The outcome of reading a go.sum.</summary>
/// <param name="File">The entries read; malformed lines are left out.</param>
/// <param name="Diagnostics">Problems, each with file and line.</param>
internal sealed record GoSumReadResult(GoSumFile File, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
