using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>One go process to run: no shell, arguments as a list, and exactly the environment given.</summary>
/// <param name="Executable">The go executable (see <see cref="GoExecutableLocator"/>).</param>
/// <param name="Arguments">The arguments, each passed to the process as one argument, never through a shell.</param>
/// <param name="WorkingDirectory">The folder go runs in.</param>
/// <param name="Environment">The complete environment of the process (see <see cref="GoProcessEnvironment.Build"/>).</param>
internal sealed record GoProcessStart(string Executable, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Stops the process (and its children) after this long and reports GOMIRROR0304; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Masks secrets in the command line and output; URL user-info is masked in any case.</summary>
    public CredentialRedactor? Redactor { get; init; }

    /// <summary>Called with each stderr line (redacted) as Go writes it, for live verbose logs.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>Written to the process's stdin, which is then closed; null closes stdin at once (so a prompt fails
    /// instead of hanging). GOAUTH commands and <c>git credential</c> read their request there.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Called with the process id right after the process started.</summary>
    public Action<int>? Started { get; init; }
}
