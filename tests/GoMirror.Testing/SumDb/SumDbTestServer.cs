using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace GoMirror.Testing.SumDb;

/// <summary>How a <see cref="SumDbTestServer"/> behaves.</summary>
public sealed record SumDbServerOptions
{
    /// <summary>The database name (the key's name).</summary>
    public string Name { get; init; } = "sumdb.test.example";

    /// <summary>The signer key; a fresh one (<see cref="SumDbKeys.Generate"/>) when null.</summary>
    public SumDbKeys? Keys { get; init; }

    /// <summary>The module proxy folder the database hashes its records from (Go's dirhash).</summary>
    public required string ModuleFolder { get; init; }

    /// <summary>go.sum lines the database serves instead of the hashes of <see cref="ModuleFolder"/>: a
    /// database that disagrees with the mirror.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>Also serve <see cref="ModuleFolder"/> as a GOPROXY that supports <c>/sumdb/&lt;name&gt;/</c>;
    /// then the database itself answers only under that prefix.</summary>
    public bool AsProxyWithSumDb { get; init; }

    /// <summary>M@V whose lookup answers with a record text other than the one in the tree.</summary>
    public string? ForgeRecord { get; init; }

    /// <summary>Sign tree heads with another key that claims the database's key hash.</summary>
    public bool ForgeSignature { get; init; }

    /// <summary>A delay before each answer (network latency; the benchmark sets it, tests leave it 0).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Serve https with this certificate (and its private key), e.g. from
    /// <see cref="Https.TestCertificateAuthority.IssueServerCertificate"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary><c>user:password</c> every request must carry as Basic auth; others get 401.</summary>
    public string? BasicAuth { get; init; }

    /// <summary>With <see cref="AsProxyWithSumDb"/>, the path the module files are served under (for example
    /// <c>/proxy</c>); the root when null. <c>/sumdb/&lt;name&gt;/</c> stays at the root.</summary>
    public string? ProxyPrefix { get; init; }

    /// <summary>After the auth check, answer every request with 302 to this URL plus the request's path.</summary>
    public string? RedirectTo { get; init; }
}

/// <summary>A signer and verifier key pair from Go's <c>note.GenerateKey</c>.</summary>
/// <param name="SignerKey">PRIVATE+KEY+name+hash+key.</param>
/// <param name="VerifierKey">name+hash+key, the GOSUMDB value.</param>
public sealed record SumDbKeys(string SignerKey, string VerifierKey)
{
    /// <summary>A fresh key pair for <paramref name="name"/>.</summary>
    public static SumDbKeys Generate(string name)
    {
        var lines = SumDbServerBinary.Run("key", name).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new SumDbKeys(lines[0], lines[1]);
    }
}

/// <summary>
/// Go's own checksum database (<c>sumdb.NewServer(sumdb.NewTestServer(...))</c>) running on 127.0.0.1 in a
/// child process, with the log of every path it was asked for. Records are added as they are looked up, so
/// record ids follow the order of first lookups.
/// </summary>
public sealed class SumDbTestServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _authorized = new();
    private readonly TempDirectory _files = new("gomirror-sumdb-server");

    /// <summary>Starts the server and waits until it listens.</summary>
    public SumDbTestServer(SumDbServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Keys = options.Keys ?? SumDbKeys.Generate(options.Name);
        var start = new ProcessStartInfo(SumDbServerBinary.Require()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "serve", "-skey", Keys.SignerKey, "-moddir", options.ModuleFolder })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Lines.Count > 0)
        {
            var file = _files.Combine("lines");
            File.WriteAllLines(file, options.Lines);
            start.ArgumentList.Add("-lines");
            start.ArgumentList.Add(file);
        }

        if (options.AsProxyWithSumDb)
        {
            start.ArgumentList.Add("-proxy-sumdb");
        }

        if (options.ForgeRecord is { } forged)
        {
            start.ArgumentList.Add("-forge-record");
            start.ArgumentList.Add(forged);
        }

        if (options.ForgeSignature)
        {
            start.ArgumentList.Add("-forge-signature");
        }

        if (options.Latency > TimeSpan.Zero)
        {
            start.ArgumentList.Add("-latency");
            start.ArgumentList.Add(((long)options.Latency.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms");
        }

        if (options.Certificate is { } certificate)
        {
            File.WriteAllText(_files.Combine("cert.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(_files.Combine("key.pem"), certificate.GetECDsaPrivateKey()?.ExportPkcs8PrivateKeyPem() ?? certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            start.ArgumentList.Add("-tls-cert");
            start.ArgumentList.Add(_files.Combine("cert.pem"));
            start.ArgumentList.Add("-tls-key");
            start.ArgumentList.Add(_files.Combine("key.pem"));
        }

        foreach (var (flag, value) in new[] { ("-basic-auth", options.BasicAuth), ("-redirect", options.RedirectTo), ("-proxy-prefix", options.ProxyPrefix) })
        {
            if (value is not null)
            {
                start.ArgumentList.Add(flag);
                start.ArgumentList.Add(value);
            }
        }

        _process = Process.Start(start)!;
        var first = _process.StandardOutput.ReadLine();
        if (first is null || !first.StartsWith("listening ", StringComparison.Ordinal))
        {
            var error = _process.StandardError.ReadToEnd();
            _process.Kill();
            throw new InvalidOperationException("the checksum database test server did not start: " + first + error);
        }

        Url = first["listening ".Length..];
        Name = options.Name;
        _ = Task.Run(() =>
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("GET ", StringComparison.Ordinal))
                {
                    _requests.Enqueue(line[4..]);
                }
                else if (line.StartsWith("AUTH ", StringComparison.Ordinal))
                {
                    _authorized.Enqueue(line[5..]);
                }
            }
        });
    }

    /// <summary>The server's root URL, <c>http://127.0.0.1:port</c> (https with a certificate).</summary>
    public string Url { get; }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>The key pair the database signs with.</summary>
    public SumDbKeys Keys { get; }

    /// <summary>GOSUMDB for reaching this database directly: <c>key url</c>.</summary>
    public string GoSumDbDirect => Keys.VerifierKey + " " + Url;

    /// <summary>Every path requested so far, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            // The log is read from the child's stdout; give lines written just before the call time to arrive.
            Thread.Sleep(50);
            return [.. _requests];
        }
    }

    /// <summary>Every path requested with an Authorization header, in order.</summary>
    public IReadOnlyList<string> AuthorizedRequests
    {
        get
        {
            Thread.Sleep(50);
            return [.. _authorized];
        }
    }

    /// <summary>The server's host and port, as a netrc machine for Go 1.21+ writes it.</summary>
    public string Authority => new Uri(Url).Authority;

    /// <summary>Stops the server (the database is unreachable from then on).</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _files.Dispose();
    }
}
