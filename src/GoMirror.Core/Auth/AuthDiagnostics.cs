using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Auth;

/// <summary>Diagnostic codes of credentials: the netrc file, GOAUTH and what proxies answer to them (GOMIRROR1000–1049).</summary>
internal static class AuthDiagnostics
{
    /// <summary>A netrc line that Go reads differently from what it seems to say (Go never reports these itself).</summary>
    public static readonly DiagnosticDescriptor NetrcEntryIgnored = new(
        "GOMIRROR1000",
        DiagnosticSeverity.Warning,
        "netrc has an entry Go ignores",
        "Write each entry as 'machine <host[:port]> login <user> password <secret>', every keyword and its value on the same line, no quotes, and no 'default' entry before the machine entries: Go pairs keywords and values line by line, needs all three, and stops reading at 'default'.");

    /// <summary>The netrc file can be read or written by other users.</summary>
    public static readonly DiagnosticDescriptor NetrcPermissions = new(
        "GOMIRROR1001",
        DiagnosticSeverity.Warning,
        "netrc file is accessible by other users",
        "Make the file private to its owner: chmod 600 ~/.netrc (or the file NETRC names). Go reads it anyway, but anyone who can read it has the passwords.");

    /// <summary>The netrc file exists but cannot be read.</summary>
    public static readonly DiagnosticDescriptor NetrcUnreadable = new(
        "GOMIRROR1002",
        DiagnosticSeverity.Warning,
        "netrc file cannot be read",
        "Make the file readable by the build user, or point NETRC at a readable file; until then no credential from it is sent (Go 1.23 and older skip it silently, Go 1.24+ report it).");

    /// <summary>One machine has more than one complete entry; Go uses the first.</summary>
    public static readonly DiagnosticDescriptor NetrcDuplicateMachine = new(
        "GOMIRROR1003",
        DiagnosticSeverity.Warning,
        "netrc names a machine more than once",
        "Keep one entry per machine: Go, and GoMirror with it, use the first and ignore the others.");

    /// <summary>A netrc machine is written without the port its proxy URL has, so it matches nothing.</summary>
    public static readonly DiagnosticDescriptor NetrcMachineWithoutPort = new(
        "GOMIRROR1004",
        DiagnosticSeverity.Warning,
        "netrc machine lacks the port of the proxy URL",
        "Go matches 'machine' against the URL's host and port as written: for https://host:8443/... write 'machine host:8443'.");

    /// <summary>A credential is configured for a proxy or checksum database reached over plain http.</summary>
    public static readonly DiagnosticDescriptor CredentialNotSentOverHttp = new(
        "GOMIRROR1005",
        DiagnosticSeverity.Warning,
        "Credential for a plain http:// URL is never sent",
        "Serve the proxy or checksum database over https: Go sends netrc and GOAUTH credentials only over HTTPS (and refuses credentials in an http:// URL), and so does GoMirror.");

    /// <summary>GOPROXY or GOSUMDB from the environment or Go's env file carries user-info.</summary>
    public static readonly DiagnosticDescriptor CredentialInUrl = new(
        "GOMIRROR1006",
        DiagnosticSeverity.Info,
        "Credential in the GOPROXY or GOSUMDB URL",
        "It works (Go sends it as Basic auth over https), but the URL travels wherever the variable does: env dumps, go env output, CI logs of other tools. Keep the URL plain and put the credential in netrc, GOAUTH (GoMirrorAuth), or a CI secret named by GoMirrorProxyTokenVariable.");

    /// <summary>GOAUTH (GoMirrorAuth) cannot be parsed.</summary>
    public static readonly DiagnosticDescriptor GoAuthInvalid = new(
        "GOMIRROR1010",
        DiagnosticSeverity.Error,
        "GOAUTH is malformed",
        "GOAUTH is a ';'-separated list of 'off' (alone), 'netrc', 'git <absolute directory>' or a command; remove empty entries and close quotes. See 'go help goauth' (Go 1.24+).");

    /// <summary>A GOAUTH command could not be started or exited with an error.</summary>
    public static readonly DiagnosticDescriptor GoAuthCommandFailed = new(
        "GOMIRROR1011",
        DiagnosticSeverity.Warning,
        "GOAUTH command failed",
        "Run the command by hand (with the URL as its last argument) and fix it; it must exit 0. Requests go on without its credentials, as Go does.");

    /// <summary>A GOAUTH command printed something that is not a list of credential sets.</summary>
    public static readonly DiagnosticDescriptor GoAuthOutputInvalid = new(
        "GOMIRROR1012",
        DiagnosticSeverity.Warning,
        "GOAUTH command printed output Go cannot read",
        "Print credential sets as 'go help goauth' defines them: one or more lines starting with https://, a blank line, header lines such as 'Authorization: Bearer <token>', a blank line; no spaces around the URL lines.");

    /// <summary>'git credential fill' failed or gave a credential for another URL.</summary>
    public static readonly DiagnosticDescriptor GitCredentialFailed = new(
        "GOMIRROR1013",
        DiagnosticSeverity.Warning,
        "git credential fill gave no usable credential",
        "Configure a git credential helper in that repository (git config credential.helper ...) that answers for the proxy's URL; check it with: echo url=<URL> | git credential fill.");

    /// <summary>The token variable names an environment variable that is not set.</summary>
    public static readonly DiagnosticDescriptor TokenVariableUnset = new(
        "GOMIRROR1014",
        DiagnosticSeverity.Warning,
        "The token variable is not set",
        "Set the variable from the CI system's secret store for the build step (GitHub Actions: env: GOPROXY_TOKEN: ${{ secrets.GOPROXY_TOKEN }}; GitLab: a masked CI/CD variable), or clear GoMirrorProxyTokenVariable.");

    /// <summary>A proxy or checksum database refused the credential that was sent.</summary>
    public static readonly DiagnosticDescriptor CredentialRejected = new(
        "GOMIRROR1020",
        DiagnosticSeverity.Error,
        "Proxy or checksum database refused the credential",
        "Renew or correct the credential where the message says it came from (the netrc entry, the GOAUTH command's output, the environment variable, or the URL's user-info); the server answered 401/403 to it.");

    /// <summary>A proxy or checksum database asked for a credential and none was configured for its URL.</summary>
    public static readonly DiagnosticDescriptor CredentialMissing = new(
        "GOMIRROR1021",
        DiagnosticSeverity.Error,
        "Proxy or checksum database needs a credential and none was sent",
        "Add 'machine <host[:port]> login <user> password <token>' to ~/.netrc (or the file NETRC names), or set GOAUTH (GoMirrorAuth) to a command that prints the credential; never write it into GOPROXY or an MSBuild property.");

    /// <summary>A redirect to another origin was followed without the credential.</summary>
    public static readonly DiagnosticDescriptor CredentialDroppedOnRedirect = new(
        "GOMIRROR1022",
        DiagnosticSeverity.Info,
        "Credential not sent after a redirect to another host",
        "Nothing to fix when the other host serves public files (a CDN); if it needs a credential too, give it its own netrc or GOAUTH entry. Credentials never follow a redirect to another scheme, host or port.");
}
