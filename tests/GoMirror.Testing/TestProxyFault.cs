using GoMirror.Core.Modules;

namespace GoMirror.Testing;

/// <summary>What a <see cref="TestProxyFault"/> does to a matching request.</summary>
public enum TestProxyFaultKind
{
    /// <summary>Answer a fixed status (404, 410, 500, 503, 429...), optionally with a text/plain body and Retry-After.</summary>
    Status,

    /// <summary>Answer a status for the first N matching requests, then serve normally.</summary>
    Transient,

    /// <summary>Wait, then serve normally (or let the next fault apply).</summary>
    Delay,

    /// <summary>Declare the full Content-Length, send only part of the body, then abort the connection.</summary>
    CutShort,

    /// <summary>Serve other bytes than the requested file (another file's content).</summary>
    WrongBytes,

    /// <summary>Never answer; the request ends only when the client gives up or the server stops.</summary>
    Hang,

    /// <summary>Answer a redirect to another location.</summary>
    Redirect,

    /// <summary>Wait (zero by default), then drop the connection without an answer (a reset or an EOF for the client).</summary>
    Reset,

    /// <summary>Declare the full Content-Length, send only part of the body, then hold the connection open and send
    /// nothing more (a body that stalls mid-stream).</summary>
    Stall,

    /// <summary>Hold matching requests until the test calls <see cref="TestProxyFault.Release"/>, then serve normally.</summary>
    Hold,
}

/// <summary>
/// A fault a <see cref="TestProxyServer"/> injects into requests whose path (below the base path, decoded,
/// e.g. <c>/example.com/m/@v/v1.0.0.zip</c>) matches <see cref="PathPattern"/>, a glob where <c>*</c> matches
/// any run of characters, slashes included. Build one with the static factories; <see cref="ForModule"/>
/// makes the pattern of one module or module version.
/// </summary>
public sealed class TestProxyFault
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hits;

    private TestProxyFault(string pathPattern, TestProxyFaultKind kind)
    {
        PathPattern = pathPattern;
        Kind = kind;
    }

    /// <summary>The glob matched against the request path.</summary>
    public string PathPattern { get; }

    /// <summary>What the fault does.</summary>
    public TestProxyFaultKind Kind { get; }

    /// <summary>The status for <see cref="TestProxyFaultKind.Status"/>, <see cref="TestProxyFaultKind.Transient"/> and <see cref="TestProxyFaultKind.Redirect"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>A text/plain body sent with the status, or null for none.</summary>
    public string? TextBody { get; private init; }

    /// <summary>A Retry-After (whole seconds) sent with the status, or null for none.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>How many matching requests <see cref="TestProxyFaultKind.Transient"/> fails (or <see cref="TestProxyFaultKind.Redirect"/>
    /// redirects) before letting them through.</summary>
    public int Failures { get; private init; }

    /// <summary>The wait of <see cref="TestProxyFaultKind.Delay"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Bytes actually sent by <see cref="TestProxyFaultKind.CutShort"/> and <see cref="TestProxyFaultKind.Stall"/> (at most the file size minus one).</summary>
    public long BytesBeforeCut { get; private init; }

    /// <summary>The content served by <see cref="TestProxyFaultKind.WrongBytes"/>.</summary>
    public byte[]? Content { get; private init; }

    /// <summary>The Location of <see cref="TestProxyFaultKind.Redirect"/>: an absolute URL, or a path on this server.</summary>
    public string? Location { get; private init; }

    /// <summary>Requests this fault has matched so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>The pattern of every file of <paramref name="modulePath"/>, or of one version's files (<c>.info</c>, <c>.mod</c>, <c>.zip</c>)
    /// when <paramref name="version"/> is given, or of one file when <paramref name="extension"/> (<c>.zip</c>...) is given too.</summary>
    public static string ForModule(string modulePath, string? version = null, string? extension = null) =>
        "/" + ModuleEscaping.Escape(modulePath) + "/@v/" + (version is null ? "*" : ModuleEscaping.Escape(version) + (extension ?? ".*"));

    /// <summary>Always answers <paramref name="statusCode"/>.</summary>
    public static TestProxyFault Status(string pathPattern, int statusCode, string? textBody = null, TimeSpan? retryAfter = null) =>
        new(pathPattern, TestProxyFaultKind.Status) { StatusCode = statusCode, TextBody = textBody, RetryAfter = retryAfter };

    /// <summary>Answers <paramref name="statusCode"/> to the first <paramref name="failures"/> matching requests, then serves normally.</summary>
    public static TestProxyFault Transient(string pathPattern, int failures, int statusCode = 503, TimeSpan? retryAfter = null) =>
        new(pathPattern, TestProxyFaultKind.Transient) { Failures = failures, StatusCode = statusCode, RetryAfter = retryAfter };

    /// <summary>Delays matching requests by <paramref name="delay"/>, then goes on.</summary>
    public static TestProxyFault Slow(string pathPattern, TimeSpan delay) =>
        new(pathPattern, TestProxyFaultKind.Delay) { Delay = delay };

    /// <summary>Declares the full Content-Length, sends <paramref name="bytesBeforeCut"/> bytes, then aborts the connection.</summary>
    public static TestProxyFault CutShort(string pathPattern, long bytesBeforeCut = 16) =>
        new(pathPattern, TestProxyFaultKind.CutShort) { BytesBeforeCut = bytesBeforeCut };

    /// <summary>Declares the full Content-Length, sends <paramref name="bytesBeforeStall"/> bytes, then sends nothing more
    /// until the client gives up or the server stops.</summary>
    public static TestProxyFault Stall(string pathPattern, long bytesBeforeStall = 16) =>
        new(pathPattern, TestProxyFaultKind.Stall) { BytesBeforeCut = bytesBeforeStall };

    /// <summary>Serves <paramref name="content"/> instead of the requested file (status 200).</summary>
    public static TestProxyFault WrongBytes(string pathPattern, byte[] content) =>
        new(pathPattern, TestProxyFaultKind.WrongBytes) { Content = content };

    /// <summary>Holds matching requests (their <see cref="Hits"/> counted on arrival) until <see cref="Release"/>, then
    /// serves them: a test waits on what the client does meanwhile, not on a clock.</summary>
    public static TestProxyFault Hold(string pathPattern) => new(pathPattern, TestProxyFaultKind.Hold);

    /// <summary>Lets the requests a <see cref="Hold"/> fault holds (and later ones) go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Never answers matching requests.</summary>
    public static TestProxyFault Hang(string pathPattern) => new(pathPattern, TestProxyFaultKind.Hang);

    /// <summary>Drops the connection of matching requests without an answer, after <paramref name="after"/> if given.</summary>
    public static TestProxyFault Reset(string pathPattern, TimeSpan? after = null) =>
        new(pathPattern, TestProxyFaultKind.Reset) { Delay = after ?? TimeSpan.Zero };

    /// <summary>Redirects matching requests to <paramref name="location"/> (absolute URL, or a path on this server;
    /// <c>{path}</c> in it is replaced by the request path below the base path, without its leading slash).
    /// With <paramref name="times"/>, only the first that many requests are redirected; later ones go on.</summary>
    public static TestProxyFault Redirect(string pathPattern, string location, int statusCode = 302, int? times = null) =>
        new(pathPattern, TestProxyFaultKind.Redirect) { Location = location, StatusCode = statusCode, Failures = times ?? int.MaxValue };

    internal bool Matches(string path) => Glob(PathPattern, path);

    internal int Hit() => Interlocked.Increment(ref _hits);

    internal Task Released => _released.Task;

    private static bool Glob(string pattern, string text)
    {
        // Iterative wildcard match with backtracking to the last '*': linear enough for request paths.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
