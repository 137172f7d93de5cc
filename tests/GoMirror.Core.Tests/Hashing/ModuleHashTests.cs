using System.Text;
using GoMirror.Core.Hashing;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Hashing;

public class ModuleHashTests
{
    [Fact]
    public void HashGoMod_of_an_empty_go_mod_is_Go_emptyGoModHash() =>
        // The vector Go itself hard-codes (cmd/go/internal/modfetch/fetch.go, emptyGoModHash).
        Assert.Equal("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", ModuleHash.HashGoMod([]));

    [Fact]
    public void HashGoMod_equals_Hash1_of_one_file_named_go_mod()
    {
        var content = "module example.com/x\n\ngo 1.19\n"u8.ToArray();
        Assert.Equal(ModuleHash.Hash1(["go.mod"], _ => new MemoryStream(content), TestContext.Current.CancellationToken), ModuleHash.HashGoMod(content));
    }

    [Fact]
    public void A_name_with_a_newline_is_reported_not_hashed()
    {
        var e = Assert.Throws<ModuleHashException>(() => ModuleHash.Hash1(["m@v1.0.0/a\nb"], _ => new MemoryStream(), TestContext.Current.CancellationToken));
        Assert.Equal(HashingDiagnostics.NameWithNewline, e.Diagnostic.Descriptor);
        Assert.Contains("a\\nb", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_entry_name_with_a_newline_is_reported()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("nl.zip");
        ModuleProxyFolder.WriteRawZip(zip, [new("m.com/x@v1.0.0/aXb", [1])]);
        ZipBytes.SetNameByte(zip, "m.com/x@v1.0.0/aXb", "m.com/x@v1.0.0/a".Length, (byte)'\n');
        var e = Assert.Throws<ModuleHashException>(() => ModuleHash.HashZip(zip, TestContext.Current.CancellationToken));
        Assert.Equal(HashingDiagnostics.NameWithNewline, e.Diagnostic.Descriptor);
    }

    [Fact]
    public void Hash1_sorts_names_by_UTF8_bytes_not_UTF16_code_units()
    {
        // Independent oracle: the order of the names' UTF-8 encodings. The sample mixes ASCII, BMP letters
        // above the surrogate range (U+FF21) and supplementary letters, where the two orders disagree.
        var random = new Random(7);
        string[] alphabet = ["a", "Z", "\u00e9", "\uFF21", "\uFFFD", "\U00010428", "\U00020000", "/", "\uD7FF", "\uE000"];
        var names = Enumerable.Range(0, 400)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var expected = names.OrderBy(n => Encoding.UTF8.GetBytes(n), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList();

        var opened = new List<string>();
        ModuleHash.Hash1(names, n =>
        {
            opened.Add(n);
            return new MemoryStream();
        }, TestContext.Current.CancellationToken);

        Assert.Equal(expected, opened);
        Assert.NotEqual(expected, names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_zip_whose_entry_fails_its_CRC_cannot_be_hashed()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("crc.zip");
        ModuleProxyFolder.WriteRawZip(zip, [new("m.com/x@v1.0.0/a.txt", "hello hello hello"u8.ToArray())]);
        ZipBytes.CorruptCrc(zip, "m.com/x@v1.0.0/a.txt");
        var e = Assert.Throws<ModuleHashException>(() => ModuleHash.HashZip(zip, TestContext.Current.CancellationToken));
        Assert.Equal(ZipDiagnostics.CorruptZip, e.Diagnostic.Descriptor);
        Assert.Contains("CRC-32", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_reported()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("not.zip");
        File.WriteAllText(zip, "<html>proxy error page</html>");
        var e = Assert.Throws<ModuleHashException>(() => ModuleHash.HashZip(zip, TestContext.Current.CancellationToken));
        Assert.Equal(ZipDiagnostics.CorruptZip, e.Diagnostic.Descriptor);
    }

    [Fact]
    public void HashDir_refuses_a_root_that_is_a_link_as_go_does()
    {
        // dirhash.HashDir looks at the root with Lstat: "<dir> is not a directory" (Go 1.21+).
        using var temp = new TempDirectory();
        var real = temp.Combine("real");
        Directory.CreateDirectory(real);
        File.WriteAllText(System.IO.Path.Combine(real, "a.go"), "package a\n");
        var link = temp.Combine("link");
        Directory.CreateSymbolicLink(link, real);
        Assert.StartsWith("h1:", ModuleHash.HashDir(real, "example.com/m", "v1.0.0", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var e = Assert.Throws<IOException>(() => ModuleHash.HashDir(link + "/", "example.com/m", "v1.0.0", TestContext.Current.CancellationToken));
        Assert.EndsWith("is not a directory", e.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => ModuleHash.HashDir(System.IO.Path.Combine(real, "a.go"), "example.com/m", "v1.0.0", TestContext.Current.CancellationToken));
    }
}
