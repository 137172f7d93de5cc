using System.Text;

namespace GoMirror.Testing;

/// <summary>
/// Module versions with shapes that break naive hashing or zip handling: upper-case paths, <c>+incompatible</c>,
/// pseudo-versions, gopkg.in and /vN paths, names outside the BMP (whose UTF-16 order differs from UTF-8
/// order), hundreds of files, empty files and deep folders. Every file name is one Go accepts in a module zip.
/// </summary>
public static class AwkwardModules
{
    /// <summary>One generated module version.</summary>
    /// <param name="Path">Module path.</param>
    /// <param name="Version">Version.</param>
    /// <param name="Files">Files other than go.mod (path inside the module → content).</param>
    /// <param name="GoMod">The go.mod text.</param>
    public sealed record Spec(string Path, string Version, IReadOnlyDictionary<string, byte[]> Files, string GoMod);

    /// <summary>The set; deterministic, so failures reproduce.</summary>
    public static IReadOnlyList<Spec> All()
    {
        var random = new Random(20240102);
        byte[] Bytes(int n)
        {
            var b = new byte[n];
            random.NextBytes(b);
            return b;
        }

        static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
        static string Mod(string path) => $"module {path}\n\ngo 1.19\n";

        var many = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < 320; i++)
        {
            many[$"pkg{i % 7}/sub{i % 3}/file{i:D3}.go"] = Text($"package sub{i % 3}\n\n// file {i}\n");
        }

        many["empty.txt"] = [];
        many["a/b/c/d/e/f/g/h/deep.bin"] = Bytes(70_000);
        many["big/random.bin"] = Bytes(1_500_000);

        return
        [
            new("example.com/Upper/CaseMod", "v1.2.3", new Dictionary<string, byte[]>
            {
                ["Upper.go"] = Text("package casemod\n"),
                ["lower.go"] = Text("package casemod\n"),
                ["LICENSE"] = Text("Permission is granted.\n"),
            }, Mod("example.com/Upper/CaseMod")),
            new("example.com/incompat", "v2.0.0+incompatible", new Dictionary<string, byte[]>
            {
                ["incompat.go"] = Text("package incompat\n"),
            }, "module example.com/incompat\n"),
            new("example.com/pseudo", "v0.0.0-20240102030405-abcdefabcdef", new Dictionary<string, byte[]>
            {
                ["pseudo.go"] = Text("package pseudo\n"),
            }, Mod("example.com/pseudo")),
            new("gopkg.in/fixture.v2", "v2.1.0", new Dictionary<string, byte[]>
            {
                ["fixture.go"] = Text("package fixture\n"),
            }, Mod("gopkg.in/fixture.v2")),
            new("example.com/major/v3", "v3.0.1-rc.1", new Dictionary<string, byte[]>
            {
                ["major.go"] = Text("package major\n"),
            }, Mod("example.com/major/v3")),

            // U+FF21 (a BMP letter above the surrogates) sorts after U+20000 and U+10428 in UTF-16
            // ordinal order but before them in UTF-8 byte order, which is what Go's hash uses.
            new("example.com/unicode", "v1.0.0", new Dictionary<string, byte[]>
            {
                ["\uFF21.txt"] = Text("fullwidth A\n"),
                ["\U00020000.txt"] = Text("CJK extension B\n"),
                ["\U00010428.txt"] = Text("Deseret small long I\n"),
                ["z.txt"] = Text("z\n"),
                ["caf\u00e9/na\u00efve.go"] = Text("package naive\n"),
                ["a b!#$%&()+,-.=@[]^_{}~.txt"] = Text("punctuation Go allows\n"),
                ["\u65e5\u672c/\u6587\u5b57.txt"] = Text("Japanese\n"),
            }, Mod("example.com/unicode")),
            new("example.com/many", "v1.5.0", many, Mod("example.com/many")),
        ];
    }

    /// <summary>Adds <paramref name="spec"/> to <paramref name="proxy"/> and returns what was written.</summary>
    public static ProxiedModule AddTo(ModuleProxyFolder proxy, Spec spec)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(spec);
        return proxy.Add(spec.Path, spec.Version, spec.Files, spec.GoMod);
    }
}
