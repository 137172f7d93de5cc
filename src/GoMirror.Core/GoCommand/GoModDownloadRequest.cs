using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>One <c>go mod download -json</c> run.</summary>
/// <param name="GoExecutable">The go executable (see <see cref="GoExecutableLocator"/>).</param>
/// <param name="ModuleDirectory">The folder holding the go.mod the command works for.</param>
/// <param name="Environment">The Go environment from the resolved policy. It must hold GOMODCACHE and GOPATH as
/// absolute paths; nothing else is taken from the ambient environment but what a process needs to start
/// (see <see cref="GoProcessEnvironment"/>).</param>
internal sealed record GoModDownloadRequest(string GoExecutable, string ModuleDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The <c>module@version</c> arguments; empty to download what go.mod requires.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>The go.sum Go checks against, for locating checksum mismatches; null for <c>go.sum</c> in <see cref="ModuleDirectory"/>.</summary>
    public string? GoSumPath { get; init; }

    /// <summary>True to pass HTTPS_PROXY, HTTP_PROXY and NO_PROXY through from the ambient environment.</summary>
    public bool PassProxyVariables { get; init; }

    /// <summary>Stops the command after this long (GOMIRROR0304); null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Masks secrets in the command line, messages and stderr. Credentials found in URLs of
    /// <see cref="Environment"/> are added to it.</summary>
    public CredentialRedactor? Redactor { get; init; }

    /// <summary>Called with each stderr line (redacted) as Go writes it.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>Called with the process id once the go process started.</summary>
    public Action<int>? Started { get; init; }
}
