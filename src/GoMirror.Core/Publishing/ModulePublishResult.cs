using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Publishing;

/// <summary>The outcome of publishing one module version into a proxy folder.</summary>
/// <param name="ModulePath">The module path, as given.</param>
/// <param name="Version">The version, as given.</param>
/// <param name="Diagnostics">Everything found; any error means nothing was written for this version.</param>
/// <param name="Files">The files in the zip, relative to the module root with forward slashes, in zip order.</param>
/// <param name="Omitted">What Go's zip rules left out, and why.</param>
/// <param name="VersionDirectory">The <c>@v</c> folder written to, or null when the path could not name one.</param>
internal sealed record ModulePublishResult(
    string ModulePath,
    string Version,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> Files,
    IReadOnlyList<OmittedPath> Omitted,
    string? VersionDirectory)
{
    /// <summary>True when the version is in the proxy folder (written now, or already there with the same content).</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
