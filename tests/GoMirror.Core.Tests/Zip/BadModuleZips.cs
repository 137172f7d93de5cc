using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

/// <summary>Hostile or damaged module zips, each with the code we must report and what Go says about it.</summary>
public static class BadModuleZips
{
    /// <summary>One bad zip.</summary>
    /// <param name="Name">Short name, also the last element of the module path.</param>
    /// <param name="Entries">Entry names (relative to the module@version/ prefix unless absolute) → content.</param>
    /// <param name="Damage">Edits the written zip, or null.</param>
    /// <param name="CheckCode">What <see cref="ModuleZipChecker.Check"/> reports, or null when the directory is fine.</param>
    /// <param name="ExtractCode">What <see cref="ModuleZipExtractor.Extract"/> reports.</param>
    /// <param name="GoSays">A fragment of Go's error, or null when only its failure is asserted.</param>
    public sealed record Case(string Name, IReadOnlyList<(string Entry, byte[] Content)> Entries, Action<string, string>? Damage, DiagnosticDescriptor? CheckCode, DiagnosticDescriptor ExtractCode, string? GoSays)
    {
        public string ModulePath => "example.com/bad/" + Name;

        public string Prefix => ModulePath + "@v1.0.0/";

        public override string ToString() => Name;
    }

    private static readonly byte[] Small = "package bad\n"u8.ToArray();

    private static readonly byte[] Other = "package bad\n\n// another content under the same name\n"u8.ToArray();

    public static IReadOnlyList<Case> All { get; } =
    [
        Bad("dotdot", [("../evil.txt", Small)], ZipDiagnostics.EntryEscapesModule, "invalid path element \"..\""),
        Bad("dotdotdeep", [("a/../../../evil.txt", Small)], ZipDiagnostics.EntryEscapesModule, "file path is not clean"),
        Bad("absolute", [("/tmp/evil.txt", Small)], ZipDiagnostics.EntryOutsideModule, "has unexpected file /tmp/evil.txt"),
        Bad("otherprefix", [("example.com/other@v1.0.0/a.go", Small)], ZipDiagnostics.EntryOutsideModule, "has unexpected file example.com/other@v1.0.0/a.go"),
        Bad("casecollision", [("README.md", Small), ("readme.md", Small)], ZipDiagnostics.CaseCollision, "case-insensitive file name collision"),
        Bad("kelvin", [("\u212A.txt", Small), ("k.txt", Small)], ZipDiagnostics.CaseCollision, "case-insensitive file name collision"),
        Bad("deseret", [("\U00010400.txt", Small), ("\U00010428.txt", Small)], ZipDiagnostics.CaseCollision, "case-insensitive file name collision"),
        Bad("dircollision", [("Dir/a.go", Small), ("dir/b.go", Small)], ZipDiagnostics.CaseCollision, "case-insensitive file name collision"),
        Bad("filedir", [("a", Small), ("a/b.go", Small)], ZipDiagnostics.FileDirectoryConflict, "is both a file and a directory"),
        Bad("dirfile", [("a/b.go", Small), ("a", Small)], ZipDiagnostics.FileDirectoryConflict, "is both a file and a directory"),
        Bad("deepdirfile", [("a/b/c.go", Small), ("a/b", Small)], ZipDiagnostics.FileDirectoryConflict, "is both a file and a directory"),
        Bad("duplicate", [("x.go", Small), ("x.go", Other)], ZipDiagnostics.DuplicateFile, "multiple entries for file"),
        Bad("upperGoMod", [("GO.MOD", "module example.com/bad/upperGoMod\n"u8.ToArray())], ZipDiagnostics.MisplacedGoMod, "go.mod files must have lowercase names", withGoMod: false),
        Bad("nestedGoMod", [("sub/go.mod", "module example.com/bad/nestedGoMod/sub\n"u8.ToArray())], ZipDiagnostics.MisplacedGoMod, "go.mod file not in module root directory"),
        Bad("emoji", [("\U0001F600.txt", Small)], ZipDiagnostics.InvalidEntryPath, "invalid char"),
        Bad("reserved", [("aux.go", Small)], ZipDiagnostics.InvalidEntryPath, "disallowed as path element component on Windows"),
        Bad("trailingdot", [("a.", Small)], ZipDiagnostics.InvalidEntryPath, "trailing dot in path element"),
        Bad("backslash", [("a\\b.go", Small)], ZipDiagnostics.InvalidEntryPath, "invalid char"),
        Bad("notutf8", [("bad_.txt", Small)], ZipDiagnostics.InvalidEntryPath, "invalid UTF-8",
            damage: (zip, prefix) => ZipBytes.SetNameByte(zip, prefix + "bad_.txt", prefix.Length + 3, 0xFF)),
        Bad("hugelicense", [("LICENSE", new byte[(16 << 20) + 1])], ZipDiagnostics.FileTooLarge, "LICENSE file too large"),
        Bad("declaredhuge", [("big.bin", Small)], ZipDiagnostics.ContentTooLarge, null,
            damage: (zip, prefix) => ZipBytes.SetDeclaredSize(zip, prefix + "big.bin", 0xF000_0000), extractCode: ZipDiagnostics.ContentTooLarge),
        new("badcrc", Entries([("a.go", Small)], withGoMod: true), (zip, prefix) => ZipBytes.CorruptCrc(zip, prefix + "a.go"), null, ZipDiagnostics.CorruptZip, "checksum error"),
        new("sizelie", Entries([("a.go", Encoding.ASCII.GetBytes(new string('x', 5000)))], withGoMod: true), (zip, prefix) => ZipBytes.SetDeclaredSize(zip, prefix + "a.go", 100), null, ZipDiagnostics.EntryLargerThanDeclared, "not a valid zip file"),
    ];

    /// <summary>Writes the case's module into <paramref name="proxy"/> (the .info/.mod/list of a normal module, then the bad zip).</summary>
    public static string AddTo(ModuleProxyFolder proxy, Case bad)
    {
        var module = proxy.Add(bad.ModulePath, "v1.0.0");
        ModuleProxyFolder.WriteRawZip(module.ZipFile, bad.Entries.Select(e => new KeyValuePair<string, byte[]>(e.Entry.StartsWith('/') || e.Entry.Contains('@', StringComparison.Ordinal) ? e.Entry : bad.Prefix + e.Entry, e.Content)));
        bad.Damage?.Invoke(module.ZipFile, bad.Prefix);
        return module.ZipFile;
    }

    private static Case Bad(string name, (string, byte[])[] entries, DiagnosticDescriptor code, string? goSays, bool withGoMod = true, Action<string, string>? damage = null, DiagnosticDescriptor? extractCode = null) =>
        new(name, Entries(entries, withGoMod), damage, code, extractCode ?? code, goSays);

    private static List<(string, byte[])> Entries((string, byte[])[] entries, bool withGoMod) =>
        withGoMod ? [("go.mod", "module example.com/bad\n"u8.ToArray()), .. entries] : [.. entries];
}
