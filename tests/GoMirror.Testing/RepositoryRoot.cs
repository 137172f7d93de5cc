namespace GoMirror.Testing;

/// <summary>Finds the repository's root folder (the one holding <c>GoMirror.Build.sln</c>) from a test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GoMirror.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GoMirror.Build.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository's root folder.</summary>
    public static string Path => Found.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Found.Value, .. parts]);
}
