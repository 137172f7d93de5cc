using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoCommand;

/// <summary>The outcome of <see cref="GoExecutableLocator.Locate"/>.</summary>
/// <param name="ExecutablePath">The <c>go</c> executable found, or null.</param>
/// <param name="Source">How it was found: <c>explicit</c>, <c>GOROOT</c> or <c>PATH</c>; null when not found.</param>
/// <param name="Tried">Every path examined, in order, for logs and for the failure message.</param>
/// <param name="Failure">Why nothing was found (GOMIRROR0300/0301), or null on success.</param>
internal sealed record GoLocation(string? ExecutablePath, string? Source, IReadOnlyList<string> Tried, Diagnostic? Failure)
{
    /// <summary>True when <see cref="ExecutablePath"/> is set.</summary>
    public bool Found => ExecutablePath is not null;
}
