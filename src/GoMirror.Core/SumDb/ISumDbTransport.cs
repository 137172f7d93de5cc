namespace GoMirror.Core.SumDb;

/// <summary>
/// "GET this URL, give me the status and the bytes": all the checksum database client needs of the network,
/// so that it runs over whichever transport the engine uses for GOPROXY (HTTP with credentials, file://).
/// </summary>
internal interface ISumDbTransport
{
    /// <summary>Gets <paramref name="url"/>. A transport failure (no connection, timeout) is status 0 with
    /// <see cref="SumDbResponse.Error"/> set; it is never thrown, except for cancellation.</summary>
    Task<SumDbResponse> GetAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>The answer to one GET.</summary>
/// <param name="StatusCode">The HTTP status, 200 for a file that was read, 404 for a missing file, 0 when
/// there was no answer.</param>
/// <param name="Body">The body (for an error status, what the server said).</param>
/// <param name="Error">Why there was no answer, when <paramref name="StatusCode"/> is 0.</param>
internal sealed record SumDbResponse(int StatusCode, byte[] Body, string? Error = null)
{
    /// <summary>True for 404 and 410, which Go's proxy protocol reads as "not here".</summary>
    public bool IsNotFound => StatusCode is 404 or 410;
}
