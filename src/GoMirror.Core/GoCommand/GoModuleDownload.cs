namespace GoMirror.Core.GoCommand;

/// <summary>
/// One object of <c>go mod download -json</c>. Check <see cref="Error"/> first: an object with an error may
/// still carry <see cref="Info"/> and <see cref="GoModSum"/> from the steps that did succeed.
/// </summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The module version.</param>
internal sealed record GoModuleDownload(string Path, string Version)
{
    /// <summary>The version query as given on the command line, when it differed from the version (<c>latest</c>, a branch).</summary>
    public string? Query { get; init; }

    /// <summary>Go's error text for this module, or null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Absolute path of the cached <c>.info</c> file.</summary>
    public string? Info { get; init; }

    /// <summary>Absolute path of the cached <c>.mod</c> file.</summary>
    public string? GoMod { get; init; }

    /// <summary>Absolute path of the cached <c>.zip</c> file.</summary>
    public string? Zip { get; init; }

    /// <summary>Absolute path of the extracted source folder.</summary>
    public string? Dir { get; init; }

    /// <summary>The <c>h1:</c> hash of the zip (the <c>.ziphash</c> content).</summary>
    public string? Sum { get; init; }

    /// <summary>The <c>h1:</c> hash of the go.mod file.</summary>
    public string? GoModSum { get; init; }

    /// <summary>Where the version came from, when Go reports it.</summary>
    public GoModuleOrigin? Origin { get; init; }

    /// <summary>True when <c>-reuse</c> found the old result still valid.</summary>
    public bool Reuse { get; init; }

    /// <summary>True when Go reported no error for this module.</summary>
    public bool Succeeded => Error is null;

    /// <summary><c>path@version</c>.</summary>
    public override string ToString() => Path + "@" + Version;
}

/// <summary>The <c>Origin</c> object of <c>go mod download -json</c>: the VCS facts behind a version.</summary>
/// <param name="Vcs">The version control system (<c>git</c>, ...).</param>
/// <param name="Url">The repository URL (may carry credentials: redact before printing).</param>
/// <param name="Subdir">The module's folder in the repository.</param>
/// <param name="Hash">The commit hash.</param>
/// <param name="TagPrefix">The tag prefix for a module in a subfolder.</param>
/// <param name="TagSum">A hash of the tags with that prefix.</param>
/// <param name="Ref">The reference that was resolved (a branch or tag).</param>
/// <param name="RepoSum">A hash of the whole repository state.</param>
internal sealed record GoModuleOrigin(string? Vcs, string? Url, string? Subdir, string? Hash, string? TagPrefix, string? TagSum, string? Ref, string? RepoSum);
