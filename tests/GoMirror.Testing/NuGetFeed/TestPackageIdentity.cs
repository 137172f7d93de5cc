using System.IO.Compression;
using System.Xml.Linq;

namespace GoMirror.Testing.NuGetFeed;

/// <summary>Reads the id and version from a pushed <c>.nupkg</c>'s nuspec, as a feed does before storing it;
/// plain zip and XML, so the test feed does not judge packages with the client library under test.</summary>
public static class TestPackageIdentity
{
    /// <summary>The id and version (normalized as written) of <paramref name="nupkg"/>.</summary>
    /// <exception cref="InvalidDataException">No nuspec at the root, or one without id and version.</exception>
    public static (string Id, string Version) Read(byte[] nupkg)
    {
        using var zip = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read);
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException("the package has no nuspec");
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")
            ?? throw new InvalidDataException("the nuspec has no metadata");
        string Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value
            ?? throw new InvalidDataException($"the nuspec has no {name}");
        return (Value("id"), Value("version"));
    }
}
