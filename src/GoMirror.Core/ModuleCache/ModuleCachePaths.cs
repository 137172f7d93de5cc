namespace GoMirror.Core.ModuleCache;

/// <summary>
/// Where one module version lives in a module cache, in Go's layout (cmd/go/internal/modfetch/cache.go):
/// download files in <c>cache/download/&lt;escaped module&gt;/@v/</c> and extracted source in
/// <c>&lt;escaped module&gt;@&lt;escaped version&gt;/</c>.
/// </summary>
/// <param name="ModulePath">The module path, unescaped.</param>
/// <param name="Version">The canonical version, unescaped.</param>
/// <param name="DownloadDirectory">The module's <c>@v</c> folder.</param>
/// <param name="EscapedVersion">The version as it appears in file names.</param>
/// <param name="SourceDirectory">The folder the module zip is extracted into.</param>
internal sealed record ModuleCachePaths(string ModulePath, string Version, string DownloadDirectory, string EscapedVersion, string SourceDirectory)
{
    /// <summary><c>@v/list</c>: the versions that have a <c>.mod</c>, one per line.</summary>
    public string ListFile => Path.Combine(DownloadDirectory, "list");

    /// <summary><c>@v/&lt;ver&gt;.info</c>.</summary>
    public string InfoFile => File("info");

    /// <summary><c>@v/&lt;ver&gt;.mod</c>.</summary>
    public string ModFile => File("mod");

    /// <summary><c>@v/&lt;ver&gt;.zip</c>.</summary>
    public string ZipFile => File("zip");

    /// <summary><c>@v/&lt;ver&gt;.ziphash</c>: the zip's <c>h1:</c> hash, written before the zip is renamed into place.</summary>
    public string ZipHashFile => File("ziphash");

    /// <summary><c>@v/&lt;ver&gt;.lock</c>: guards zip download and extraction; never deleted.</summary>
    public string LockFile => File("lock");

    /// <summary><c>@v/&lt;ver&gt;.partial</c>: present while <see cref="SourceDirectory"/> is being extracted.</summary>
    public string PartialFile => File("partial");

    private string File(string suffix) => Path.Combine(DownloadDirectory, EscapedVersion + "." + suffix);
}
