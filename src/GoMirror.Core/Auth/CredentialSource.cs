using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.Policy;
using GoMirror.Core.Security;

namespace GoMirror.Core.Auth;

/// <summary>
/// The credentials the go command would send, for the one place that sends HTTP requests: ask
/// <see cref="ForRequestAsync"/> per request URL, and after a 4xx answer <see cref="AfterClientErrorAsync"/>
/// (Go 1.24's retry: GOAUTH commands run again with the URL and the response on stdin). Only https URLs ever
/// get a credential. Sources follow GOAUTH (unset: <c>netrc</c>); every secret is registered with the redactor
/// before it can be sent, so no log, report, state file or exception can show it. The caller must not carry
/// a credential across a redirect to another scheme, host or port.
/// </summary>
internal sealed class CredentialSource
{
    private readonly GoPolicyHost _host;
    private readonly GoAuthList _list;
    private readonly CredentialRedactor _redactor;
    private readonly TimeSpan _commandTimeout;
    private readonly NetrcHostMatch _match;
    private readonly CredentialStore _store = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();
    private readonly ConcurrentDictionary<string, bool> _dropped = new(StringComparer.Ordinal);
    private readonly string? _netrcPath;
    private NetrcFile? _netrc;
    private bool _initialRunDone;

    private CredentialSource(GoPolicyHost host, GoAuthList list, CredentialRedactor redactor, TimeSpan commandTimeout, NetrcHostMatch match, IReadOnlyList<Diagnostic> setup)
    {
        _match = match;
        _host = host;
        _list = list;
        _redactor = redactor;
        _commandTimeout = commandTimeout;
        SetupDiagnostics = setup;
        _netrcPath = NetrcLocator.PathFor(host);
    }

    /// <summary>What reading GOAUTH and the netrc file found (syntax, permissions); reported once.</summary>
    public IReadOnlyList<Diagnostic> SetupDiagnostics { get; }

    /// <summary>GOAUTH=off, or GOAUTH malformed: no credential is ever sent.</summary>
    public bool IsOff => _list.IsOff;

    /// <summary>GOAUTH as configured, for messages ("netrc" when unset).</summary>
    public string Describe => _list.IsOff ? "off" : string.Join(";", _list.Entries.Select(e => e.Text));

    /// <summary>Reads GOAUTH (<paramref name="goAuth"/>, null or empty for Go's default) and, when it names
    /// netrc, the netrc file; never runs a command (that waits for the first request). <paramref name="match"/>
    /// follows the Go release that runs after the pre-warm, since netrc matching changed between releases.</summary>
    public static CredentialSource Create(
        GoPolicyHost host, string? goAuth, CredentialRedactor redactor, NetrcHostMatch match = NetrcHostMatch.HostAndPort, TimeSpan? commandTimeout = null, SourceLocation? goAuthLocation = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(redactor);
        var diagnostics = new List<Diagnostic>();
        var list = GoAuthList.Parse(goAuth, diagnostics, goAuthLocation) ?? GoAuthList.Off;
        var source = new CredentialSource(host, list, redactor, commandTimeout ?? TimeSpan.FromSeconds(60), match, diagnostics);
        if (list.Entries.Any(e => e.Kind == GoAuthKind.Netrc))
        {
            source._netrc = NetrcLocator.Read(host, diagnostics);
            foreach (var entry in source._netrc?.Entries ?? [])
            {
                RegisterBasic(redactor, entry.Login, entry.Password);
            }
        }

        return source;
    }

    /// <summary>The credential to send with a request to <paramref name="url"/>, or null. Runs the GOAUTH
    /// commands once, before the first https request, as Go does.</summary>
    public async ValueTask<RequestCredential?> ForRequestAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (IsOff || url.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        if (!Volatile.Read(ref _initialRunDone))
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_initialRunDone)
                {
                    await RunAllAsync(null, null, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _initialRunDone, true);
                }
            }
            finally
            {
                _running.Release();
            }
        }

        return Find(url);
    }

    /// <summary>Go 1.24's answer to a 4xx: every GOAUTH command (and git) runs again with the URL and the
    /// response, and the request is sent once more with whatever credential then matches. Returns null when no
    /// retry is due: plain http, GOAUTH=off, or a GOAUTH of netrc alone (its answer cannot change).</summary>
    public async ValueTask<RequestCredential?> AfterClientErrorAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(response);
        if (IsOff || url.Scheme != Uri.UriSchemeHttps || !_list.AsksPerUrl)
        {
            return null;
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunAllAsync(url.AbsoluteUri, ResponseText(response), cancellationToken).ConfigureAwait(false);
            _initialRunDone = true;
        }
        finally
        {
            _running.Release();
        }

        return Find(url);
    }

    /// <summary>True when a GOAUTH command or git may answer differently after a 4xx, so a retry is worth it.</summary>
    public bool RetriesAfterClientError => !IsOff && _list.AsksPerUrl;

    /// <summary>Which sources were asked for <paramref name="url"/> and what they had, for a 401/403 message:
    /// never a value.</summary>
    public string Explain(Uri url, RequestCredential? sent)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "the URL is plain http://, and credentials are sent only over https (as Go does)";
        }

        if (IsOff)
        {
            return "GOAUTH=off, so neither netrc nor a GOAUTH command was asked";
        }

        if (sent is not null)
        {
            return "the credential sent came from " + sent.Source;
        }

        var tried = new List<string>();
        foreach (var entry in _list.Entries)
        {
            tried.Add(entry.Kind switch
            {
                GoAuthKind.Netrc => _netrc is null
                    ? $"netrc: no file at {_netrcPath ?? "(no NETRC and no home folder)"}"
                    : $"netrc {_netrc.Path}: no machine {(_match == NetrcHostMatch.HostOnly ? url.IdnHost : url.Authority)}",
                GoAuthKind.Git => $"git credential fill in {entry.Words[0]}: no credential for this URL",
                _ => $"GOAUTH command '{entry.Text}': no credential set for a prefix of this URL",
            });
        }

        return "no credential was sent (" + string.Join("; ", tried) + ")";
    }

    /// <summary>What the netrc file means for the policy's servers (GOPROXY entries, the checksum database): an
    /// entry for a server reached over plain http is never sent (GOMIRROR1005), and a machine written with or
    /// without the port the URL has does not match for this Go release (GOMIRROR1004). No network, no command.</summary>
    public IReadOnlyList<Diagnostic> CheckServers(IEnumerable<Uri> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var found = new List<Diagnostic>();
        if (IsOff || _netrc is null)
        {
            return found;
        }

        foreach (var server in servers.Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps).DistinctBy(u => u.GetLeftPart(UriPartial.Authority)))
        {
            var hostOnly = _netrc.Find(server.IdnHost);
            var withPort = server.IsDefaultPort ? null : _netrc.Find(server.Authority);
            if (server.Scheme == Uri.UriSchemeHttp)
            {
                if ((withPort ?? hostOnly) is { } entry)
                {
                    found.Add(AuthDiagnostics.CredentialNotSentOverHttp.Create(
                        $"netrc machine {entry.Machine} ({_netrc.Path} line {entry.Line.ToString(CultureInfo.InvariantCulture)}) has a credential, but the policy reaches it as {_redactor.Redact(server.GetLeftPart(UriPartial.Authority))}: it is never sent.",
                        SourceLocation.InFile(_netrc.Path, entry.Line)));
                }

                continue;
            }

            if (server.IsDefaultPort)
            {
                continue;
            }

            if (_match == NetrcHostMatch.HostAndPort && withPort is null && hostOnly is not null)
            {
                found.Add(AuthDiagnostics.NetrcMachineWithoutPort.Create(
                    $"netrc machine {hostOnly.Machine} does not match {_redactor.Redact(server.GetLeftPart(UriPartial.Authority))} for Go 1.21+ (host and port are compared): write machine {server.Authority}.",
                    SourceLocation.InFile(_netrc.Path, hostOnly.Line)));
            }
            else if (_match == NetrcHostMatch.HostOnly && hostOnly is null && withPort is not null)
            {
                found.Add(AuthDiagnostics.NetrcMachineWithoutPort.Create(
                    $"netrc machine {withPort.Machine} does not match {_redactor.Redact(server.GetLeftPart(UriPartial.Authority))} for Go 1.19 and older (the host name alone is compared): add machine {server.IdnHost}.",
                    SourceLocation.InFile(_netrc.Path, withPort.Line)));
            }
        }

        return found;
    }

    /// <summary>
    /// Uses the value of the environment variable <paramref name="variable"/> (a CI secret) as the credential of
    /// every https server in <paramref name="servers"/> (the GOPROXY entries, and a checksum database on one of
    /// their origins): <c>user:token</c> is sent as Basic
    /// auth, a bare token as <c>Authorization: Bearer</c>. It is stored for each server's whole base URL, so it wins
    /// over a netrc entry for the same host. The value is registered as a secret first. Returns the problem, if any.
    /// </summary>
    public Diagnostic? UseTokenVariable(string variable, IEnumerable<Uri> servers, SourceLocation? location = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        ArgumentNullException.ThrowIfNull(servers);
        if (_host.Get(variable) is not { } value)
        {
            return AuthDiagnostics.TokenVariableUnset.Create(
                $"GoMirrorProxyTokenVariable names {variable}, which is not set (or empty) in the build's environment; no token is sent.", location);
        }

        value = value.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        CredentialHeader header;
        if (colon > 0)
        {
            RegisterBasic(_redactor, value[..colon], value[(colon + 1)..]);
            _redactor.AddSecret(value);
            header = new CredentialHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        }
        else
        {
            _redactor.AddSecret(value);
            header = new CredentialHeader("Authorization", "Bearer " + value);
        }

        foreach (var server in servers.Where(s => s.Scheme == Uri.UriSchemeHttps))
        {
            _store.Store(server.GetLeftPart(UriPartial.Path), new RequestCredential([header], $"the environment variable {variable} (GoMirrorProxyTokenVariable)"));
        }

        return null;
    }

    /// <summary>Records, once per pair of origins, that a redirect led away from the origin a credential was for,
    /// so the credential was not sent there (GOMIRROR1022).</summary>
    public void NoteDroppedOnRedirect(Uri from, Uri to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var (origin, target) = (from.GetLeftPart(UriPartial.Authority), to.GetLeftPart(UriPartial.Authority));
        if (_dropped.TryAdd(origin + " " + target, true))
        {
            _diagnostics.Enqueue(AuthDiagnostics.CredentialDroppedOnRedirect.Create(
                $"{_redactor.Redact(from.AbsoluteUri)} redirected to {_redactor.Redact(target)}/...; the credential for {_redactor.Redact(origin)} was not sent there."));
        }
    }

    /// <summary>Diagnostics from commands run since the last call (failures, garbage output); taken once.</summary>
    public IReadOnlyList<Diagnostic> TakeDiagnostics()
    {
        var taken = new List<Diagnostic>();
        while (_diagnostics.TryDequeue(out var diagnostic))
        {
            taken.Add(diagnostic);
        }

        return taken;
    }

    private RequestCredential? Find(Uri url)
    {
        if (_store.Find(url.AbsoluteUri) is { } stored)
        {
            return stored;
        }

        // Go 1.19 and older compare the host name alone, so a machine written with a port never matches.
        return _match == NetrcHostMatch.HostOnly && _netrc?.Find(url.IdnHost) is { } entry && _list.Entries.Any(e => e.Kind == GoAuthKind.Netrc)
            ? NetrcCredential(entry)
            : null;
    }

    private RequestCredential NetrcCredential(NetrcEntry entry)
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.Login + ":" + entry.Password)));
        return new RequestCredential(
            [new CredentialHeader("Authorization", basic.ToString())],
            $"netrc {_netrc!.Path} line {entry.Line.ToString(CultureInfo.InvariantCulture)} (machine {entry.Machine})");
    }

    private static void RegisterBasic(CredentialRedactor redactor, string login, string password)
    {
        redactor.AddSecret(password);
        redactor.AddSecret(Convert.ToBase64String(Encoding.UTF8.GetBytes(login + ":" + password)));
    }

    // Every header value, the credential after its scheme word ("Bearer x" → x), and a Basic pair's password.
    private static void RegisterHeaders(CredentialRedactor redactor, IEnumerable<CredentialHeader> headers)
    {
        foreach (var header in headers)
        {
            redactor.AddSecret(header.Value);
            var space = header.Value.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            var token = header.Value[(space + 1)..].Trim();
            redactor.AddSecret(token);
            if (header.Value[..space].Equals("Basic", StringComparison.OrdinalIgnoreCase) && TryDecodeBasic(token) is { } pair)
            {
                redactor.AddSecret(pair);
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                redactor.AddSecret(colon < 0 ? null : pair[(colon + 1)..]);
            }
        }
    }

    private static string? TryDecodeBasic(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }

    // Go's writeResponseToStdin: the status line, the headers, a blank line.
    private static string ResponseText(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {response.ReasonPhrase}\n");
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = response.Headers;
        if (response.Content is not null)
        {
            headers = headers.Concat(response.Content.Headers);
        }

        foreach (var (name, values) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return text.Append('\n').ToString();
    }

    // Go's runGoAuth: the entries in reverse order, so an earlier entry's credential for a prefix wins.
    private async Task RunAllAsync(string? url, string? response, CancellationToken cancellationToken)
    {
        for (var i = _list.Entries.Count - 1; i >= 0; i--)
        {
            var entry = _list.Entries[i];
            switch (entry.Kind)
            {
                case GoAuthKind.Netrc:
                    StoreNetrc();
                    break;
                case GoAuthKind.Git when url is not null:
                    await RunGitAsync(entry, url, cancellationToken).ConfigureAwait(false);
                    break;
                case GoAuthKind.Command:
                    await RunCommandAsync(entry, url, response, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    // In reverse, so the first entry for a machine is the one left stored (first match wins, as in Go).
    private void StoreNetrc()
    {
        if (_match == NetrcHostMatch.HostOnly)
        {
            return;
        }

        var entries = _netrc?.Entries ?? [];
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            _store.Store(entries[i].Machine, NetrcCredential(entries[i]));
        }
    }

    private async Task RunCommandAsync(GoAuthEntry entry, string? url, string? response, CancellationToken cancellationToken)
    {
        var arguments = entry.Words.Skip(1).ToList();
        if (url is not null)
        {
            arguments.Add(url);
        }

        var result = await RunAsync(entry.Words[0], arguments, Directory.GetCurrentDirectory(), response, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            _diagnostics.Enqueue(AuthDiagnostics.GoAuthCommandFailed.Create(
                $"GOAUTH={_redactor.Redact(entry.Text)}: could not run command {_redactor.Redact(entry.Text)}: {Failure(result)}"));
            return;
        }

        if (GoAuthResponse.Parse(result.StandardOutput, out var credentials) is { } problem)
        {
            _diagnostics.Enqueue(AuthDiagnostics.GoAuthOutputInvalid.Create(
                $"GOAUTH={_redactor.Redact(entry.Text)}: cannot parse output of GOAUTH command {_redactor.Redact(entry.Text)}: {problem}; none of its credentials is used."));
            return;
        }

        foreach (var (prefix, headers) in credentials)
        {
            RegisterHeaders(_redactor, headers);
            _store.Store(prefix, new RequestCredential(headers, $"GOAUTH command '{_redactor.Redact(entry.Text)}' (prefix https://{prefix})"));
        }
    }

    // Go's runGitAuth: 'git credential fill' in the directory with url=..., then a prefix of the URL asked for.
    private async Task RunGitAsync(GoAuthEntry entry, string url, CancellationToken cancellationToken)
    {
        var directory = entry.Words[0];
        var result = await RunAsync("git", ["credential", "fill"], directory, $"url={url}\n", cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            _diagnostics.Enqueue(AuthDiagnostics.GitCredentialFailed.Create($"'git credential fill' failed in {directory} (url={_redactor.Redact(url)}): {Failure(result)}"));
            return;
        }

        string? protocol = null, hostName = null, path = null, user = null, password = null, whole = null;
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var equals = line.Trim().IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var (key, value) = (line.Trim()[..equals], line.Trim()[(equals + 1)..]);
            switch (key)
            {
                case "protocol": protocol = value; break;
                case "host": hostName = value; break;
                case "path": path = value; break;
                case "username": user = value; break;
                case "password": password = value; break;
                case "url" when Uri.TryCreate(value, UriKind.Absolute, out var parsed): whole = parsed.GetLeftPart(UriPartial.Path); break;
            }
        }

        RegisterBasic(_redactor, user ?? string.Empty, password ?? string.Empty);
        var prefix = whole ?? (protocol is null && hostName is null ? null : $"{protocol}://{hostName}" + (string.IsNullOrEmpty(path) ? string.Empty : "/" + path.TrimStart('/')));
        if (prefix is null)
        {
            _diagnostics.Enqueue(AuthDiagnostics.GitCredentialFailed.Create($"'git credential fill' failed for url={_redactor.Redact(url)}, could not parse url (in {directory})."));
            return;
        }

        if (!url.StartsWith(prefix, StringComparison.Ordinal))
        {
            _diagnostics.Enqueue(AuthDiagnostics.GitCredentialFailed.Create(
                $"requested a credential for {_redactor.Redact(url)}, but 'git credential fill' provided one for {_redactor.Redact(prefix)} (in {directory})."));
            return;
        }

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes((user ?? string.Empty) + ":" + (password ?? string.Empty))));
        _store.Store(prefix, new RequestCredential([new CredentialHeader("Authorization", basic.ToString())], $"git credential fill in {directory} (prefix {prefix})"));
    }

    private Task<GoProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string directory, string? input, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(_host.Environment, StringComparer.Ordinal)
        {
            // A credential prompt on the terminal would hang the build: fail instead.
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
        return GoProcessRunner.RunAsync(
            new GoProcessStart(program, arguments, directory, environment) { Timeout = _commandTimeout, Redactor = _redactor, StandardInput = input },
            cancellationToken);
    }

    private string Failure(GoProcessResult result)
    {
        if (result.Failure is { } failure)
        {
            return _redactor.Redact(failure.Message);
        }

        var stderr = _redactor.Redact(result.StandardError.Trim());
        return $"exit status {result.ExitCode.ToString(CultureInfo.InvariantCulture)}" + (stderr.Length == 0 ? string.Empty : "\n" + stderr);
    }
}
