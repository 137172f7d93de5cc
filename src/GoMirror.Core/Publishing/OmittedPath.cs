namespace GoMirror.Core.Publishing;

/// <summary>Why Go's module zip rules leave a file or folder out of the zip.</summary>
internal enum OmissionReason
{
    /// <summary>A version-control folder: <c>.git</c>, <c>.hg</c>, <c>.svn</c> or <c>.bzr</c>.</summary>
    VersionControl,

    /// <summary>A folder with its own go.mod, which is a module of its own.</summary>
    NestedModule,

    /// <summary>A file in a subfolder of <c>vendor/</c> (or <c>vendor/modules.txt</c> for go 1.24 and later).</summary>
    Vendored,

    /// <summary><c>.hg_archival.txt</c>, which <c>hg archive</c> inserts.</summary>
    HgArchival,

    /// <summary>A symbolic link (or Windows reparse point): Go never follows them.</summary>
    SymbolicLink,

    /// <summary>Not a regular file: a pipe, socket or device.</summary>
    IrregularFile,
}

/// <summary>A path in the module source that the zip leaves out, and why.</summary>
/// <param name="Path">The path relative to the module root, with forward slashes.</param>
/// <param name="Reason">Why it is left out.</param>
internal sealed record OmittedPath(string Path, OmissionReason Reason);
