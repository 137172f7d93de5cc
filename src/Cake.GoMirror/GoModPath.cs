using Cake.Common.IO.Paths;
using Cake.Core.IO;

namespace Cake.GoMirror;

/// <summary>
/// A Go component as the aliases take it: its <c>go.mod</c> file or the folder holding it. Converts
/// implicitly from a string, a <see cref="FilePath"/>, a <see cref="DirectoryPath"/> and Cake's
/// <c>File(...)</c>/<c>Directory(...)</c> values, so <c>GoMirror("tools/agent/go.mod")</c>,
/// <c>GoMirror(File("tools/agent/go.mod"))</c> and <c>GoMirror(Directory("tools/agent"))</c> all compile
/// (separate FilePath and DirectoryPath overloads would make a plain string ambiguous).
/// </summary>
public sealed class GoModPath
{
    private GoModPath(Cake.Core.IO.Path path) => Path = path;

    /// <summary>The path as given: a <see cref="FilePath"/> (go.mod, or a folder written as a string) or a <see cref="DirectoryPath"/>.</summary>
    public Cake.Core.IO.Path Path { get; }

    /// <summary>A go.mod file, or a folder holding one.</summary>
    /// <param name="path">The path; relative paths resolve against the working directory.</param>
    public static implicit operator GoModPath(string path) => FromString(path);

    /// <summary>A go.mod file.</summary>
    /// <param name="path">The file.</param>
    public static implicit operator GoModPath(FilePath path) => FromFilePath(path);

    /// <summary>A folder holding a go.mod.</summary>
    /// <param name="path">The folder.</param>
    public static implicit operator GoModPath(DirectoryPath path) => FromDirectoryPath(path);

    /// <summary>A go.mod file written as <c>File("...")</c>.</summary>
    /// <param name="path">The file.</param>
    public static implicit operator GoModPath(ConvertableFilePath path) => FromFilePath(path?.Path!);

    /// <summary>A folder written as <c>Directory("...")</c>.</summary>
    /// <param name="path">The folder.</param>
    public static implicit operator GoModPath(ConvertableDirectoryPath path) => FromDirectoryPath(path?.Path!);

    /// <summary>A go.mod file, or a folder holding one.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The component path.</returns>
    public static GoModPath FromString(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new GoModPath(new FilePath(path));
    }

    /// <summary>A go.mod file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The component path.</returns>
    public static GoModPath FromFilePath(FilePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new GoModPath(path);
    }

    /// <summary>A folder holding a go.mod.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>The component path.</returns>
    public static GoModPath FromDirectoryPath(DirectoryPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new GoModPath(path);
    }

    /// <inheritdoc />
    public override string ToString() => Path.FullPath;
}
