using System.IO.Compression;
using Cake.GoMirror.Tests.Infrastructure;

namespace Cake.GoMirror.Tests.Script;

[Collection(CakeScriptCollection.Name)]
public class AddinPackageTests(AddinFeed feed)
{
    [Fact]
    public void Package_follows_the_addin_guidelines_and_carries_the_engine_but_no_Cake_assembly()
    {
        using var zip = ZipFile.OpenRead(feed.Package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            ["lib/net10.0/BouncyCastle.Cryptography.dll", "lib/net10.0/Cake.GoMirror.dll", "lib/net10.0/Cake.GoMirror.xml", "lib/net10.0/GoMirror.Core.dll", "lib/net10.0/GoMirror.Core.xml"],
            names.Where(n => n.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<id>Cake.GoMirror</id>", text, StringComparison.Ordinal);
        Assert.Matches("<tags>[^<]*\\bcake-addin\\b", text);
        Assert.DoesNotContain("<dependency ", text, StringComparison.Ordinal);
    }
}
