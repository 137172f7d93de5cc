using System.Text.Json.Serialization;

namespace GoMirror.Core.Publishing;

/// <summary>The JSON of a proxy's <c>.info</c> file, in Go's field names and order.</summary>
internal sealed record InfoFile(string Version, string Time);

/// <summary>Source-generated serialization for <see cref="InfoFile"/> (no reflection, stable output).</summary>
[JsonSerializable(typeof(InfoFile))]
internal sealed partial class InfoFileContext : JsonSerializerContext;
