using System.Collections.Concurrent;
using System.Diagnostics;

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
    private readonly TempDirectory? _linesFolder;

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
            _linesFolder = new TempDirectory("gomirror-sumdb-lines");
            var file = _linesFolder.Combine("lines");
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
            }
        });
    }

    /// <summary>The server's root URL, <c>http://127.0.0.1:port</c>.</summary>
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
        _linesFolder?.Dispose();
    }
}
