namespace GoMirror.Core.Diagnostics;

/// <summary>
/// Where a diagnostic points: a file and line (go.mod, go.sum, Go's env file, the props file that set a
/// property), or a description of a non-file source such as "environment variable GOPROXY".
/// </summary>
/// <param name="Description">A human-readable name of the source, for example <c>environment variable GOPROXY</c> or a file path.</param>
/// <param name="File">The file, when the source is one; otherwise <see langword="null"/>.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, or 0 when unknown.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
public sealed record SourceLocation(string Description, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>A location in a file.</summary>
    public static SourceLocation InFile(string file, int line = 0, int column = 0) =>
        new(file, file, line, column);

    /// <inheritdoc />
    public override string ToString() => File is null
        ? Description
        : Line > 0 ? $"{File}({Line}{(Column > 0 ? "," + Column : string.Empty)})" : File;
}
