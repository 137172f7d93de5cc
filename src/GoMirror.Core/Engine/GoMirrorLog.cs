using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Engine;

/// <summary>How much a message matters to the person reading the build log; hosts map it to their own levels
/// (MSBuild <c>MessageImportance</c>, Cake <c>Verbosity</c>).</summary>
public enum GoMirrorLogLevel
{
    /// <summary>Always shown: what each step did, in one line.</summary>
    Minimal,

    /// <summary>Shown in a normal build: why a step ran or was skipped, summaries.</summary>
    Normal,

    /// <summary>Shown when asked for detail: per module results, go command lines.</summary>
    Detailed,
}

/// <summary>Where a <see cref="GoMirrorEngine"/> reports. Everything it receives is already redacted.</summary>
public interface IGoMirrorLog
{
    /// <summary>A message for the build log.</summary>
    /// <param name="level">How much it matters.</param>
    /// <param name="text">The message, redacted.</param>
    void Message(GoMirrorLogLevel level, string text);

    /// <summary>A finding with a code, severity, location and fix; hosts log errors as errors, warnings as warnings.</summary>
    /// <param name="diagnostic">The finding, redacted.</param>
    void Diagnostic(Diagnostic diagnostic);
}
