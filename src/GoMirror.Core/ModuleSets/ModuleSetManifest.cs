using System.Text.Json;
using GoMirror.Core.Modules;

namespace GoMirror.Core.ModuleSets;

/// <summary>One module version in a package: the go.sum hashes it was packed against.</summary>
/// <param name="Module">The module path and version.</param>
/// <param name="ZipHash">The zip's <c>h1:</c> hash; null for a version whose go.sum has only a <c>/go.mod</c> line.</param>
/// <param name="GoModHash">The go.mod's <c>h1:</c> hash; null when go.sum has no <c>/go.mod</c> line.</param>
/// <param name="Recorded">True when the package carries its checksum database record (both hashes null: a version
/// go.sum lacks, verified through the record).</param>
internal sealed record ModuleSetEntry(ModuleVersion Module, string? ZipHash, string? GoModHash, bool Recorded = false)
{
    /// <summary>The entry of one module version of <paramref name="set"/>.</summary>
    public static ModuleSetEntry Of(ModuleSet set, Prewarm.PrewarmItem item) =>
        new(item.Module, item.ZipHash?.Hash, item.GoModHash?.Hash, set.Recorded.Contains(item.Module));
}

/// <summary>One file of a package under <see cref="ModuleSetManifest.ProxyFolder"/>, with its size and SHA-256.</summary>
/// <param name="Path">The path in the package, forward slashes.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its content.</param>
internal sealed record ModuleSetFile(string Path, long Size, string Sha256);

/// <summary>
/// <c>gomirror/moduleset.json</c>, the table of contents of a module set package: the format, the component,
/// every module version with its go.sum hashes, and every file under <c>goproxy/</c> with size and SHA-256.
/// A reader uses nothing the manifest does not list, and nothing whose size or hash differs. Written with a
/// fixed property order and sorted arrays, so the same set always gives the same bytes.
/// </summary>
/// <remarks>
/// The layout under <c>goproxy/</c> is a GOPROXY folder (<c>&lt;escaped module&gt;/@v/&lt;escaped version&gt;.info|.mod|.zip</c>);
/// checksum database records go to <c>goproxy/sumdb/&lt;name&gt;/...</c>, where a proxy serves them
/// (<c>supported</c>, <c>latest</c>, <c>lookup/M@V</c>, <c>tile/...</c>), and are listed in <see cref="Files"/> like any other.
/// </remarks>
/// <param name="Format">The package format (<see cref="ModuleSet.Format"/>).</param>
/// <param name="Component">The component's module path.</param>
/// <param name="Modules">The module versions, in Go's module order.</param>
/// <param name="Files">The files, sorted by path (ordinal).</param>
internal sealed record ModuleSetManifest(int Format, string Component, IReadOnlyList<ModuleSetEntry> Modules, IReadOnlyList<ModuleSetFile> Files)
{
    /// <summary>The manifest's path in the package.</summary>
    public const string PathInPackage = "gomirror/moduleset.json";

    /// <summary>The GOPROXY folder's path in the package, with its trailing slash.</summary>
    public const string ProxyFolder = "goproxy/";

    /// <summary>The manifest as UTF-8 JSON.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteString("component", Component);
            json.WriteStartArray("modules");
            foreach (var m in Modules)
            {
                json.WriteStartObject();
                json.WriteString("path", m.Module.Path);
                json.WriteString("version", m.Module.Version);
                WriteOptional(json, "zip", m.ZipHash);
                WriteOptional(json, "goMod", m.GoModHash);
                if (m.Recorded)
                {
                    json.WriteBoolean("sumdb", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var f in Files)
            {
                json.WriteStartObject();
                json.WriteString("path", f.Path);
                json.WriteNumber("size", f.Size);
                json.WriteString("sha256", f.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; null with <paramref name="problem"/> when it is not one.</summary>
    public static ModuleSetManifest? TryParse(ReadOnlySpan<byte> utf8, out string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            var modules = root.GetProperty("modules").EnumerateArray()
                .Select(m => new ModuleSetEntry(
                    new ModuleVersion(m.GetProperty("path").GetString()!, m.GetProperty("version").GetString()!),
                    Optional(m, "zip"),
                    Optional(m, "goMod"),
                    m.TryGetProperty("sumdb", out var recorded) && recorded.GetBoolean()))
                .ToList();
            var files = root.GetProperty("files").EnumerateArray()
                .Select(f => new ModuleSetFile(f.GetProperty("path").GetString()!, f.GetProperty("size").GetInt64(), f.GetProperty("sha256").GetString()!))
                .ToList();
            problem = string.Empty;
            return new ModuleSetManifest(root.GetProperty("format").GetInt32(), root.GetProperty("component").GetString()!, modules, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"{PathInPackage} is not a module set manifest ({e.Message})";
            return null;
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
