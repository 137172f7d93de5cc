using GoMirror.Core.Auth;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using GoMirror.Core.Security;

namespace GoMirror.Core.Proxy;

/// <summary>Settings of a <see cref="GoProxyClient"/>. The defaults suit a pre-warm of many modules in parallel.</summary>
internal sealed record GoProxyClientOptions
{
    /// <summary>Go's cap on a module zip (<c>codehost.MaxZipFile</c>, 500 MiB).</summary>
    public const long GoMaxZipBytes = 500L << 20;

    /// <summary>The default of <see cref="ConnectTimeout"/>: TCP and TLS set-up take a few round trips, even
    /// across continents well under a second each.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="FirstByteTimeout"/>: a mirror that misses its cache fetches the module
    /// from upstream before it answers, which can take many seconds for a large module.</summary>
    public static readonly TimeSpan DefaultFirstByteTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="IdleTimeout"/>.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a new connection may take to set up (TCP, and TLS for https).</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>How long one request may wait for its response headers once sent (connection set-up included).</summary>
    public TimeSpan FirstByteTimeout { get; init; } = DefaultFirstByteTimeout;

    /// <summary>How long a body may go without a single byte arriving. It is re-armed by every piece of data, so a
    /// large zip on a slow link is never cut off while bytes keep coming; only a stall ends it.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>Consecutive failed requests (timeouts, connection errors, cut-off bodies, 5xx, unanswered hedges)
    /// after which a mirror is skipped for the rest of the run. 0 disables the circuit breaker.</summary>
    public int BreakerThreshold { get; init; } = 5;

    /// <summary>Ask the next entry after a <c>|</c> too when a mirror has not answered within its observed p95
    /// (<see cref="HedgeDelay"/> before there are enough samples). Never across <c>,</c>.</summary>
    public bool Hedging { get; init; } = true;

    /// <summary>How long a request waits for a mirror's answer before it is hedged, until the mirror has
    /// <see cref="HedgeSamples"/> answers to take a p95 from.</summary>
    public TimeSpan HedgeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The shortest hedge delay, however fast a mirror's p95: below it a hedge costs requests and saves
    /// nothing a person would notice.</summary>
    public TimeSpan MinHedgeDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Answers a mirror must have given before its own p95 replaces <see cref="HedgeDelay"/>.</summary>
    public int HedgeSamples { get; init; } = 10;

    /// <summary>Retries within one proxy entry after a connection error, timeout, cut-off body, 429 or 5xx,
    /// before GOPROXY's fallback rule applies. 0 disables retries.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Delay before the first retry; doubled for each further retry, with random jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>Retry-After</c> honoured. A proxy that asks for more is not retried: the
    /// entry fails at once and the fallback rule applies.</summary>
    public TimeSpan RetryAfterCap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted <c>.zip</c>; Go rejects larger ones.</summary>
    public long MaxZipBytes { get; init; } = GoMaxZipBytes;

    /// <summary>Largest accepted <c>list</c>, <c>.info</c> or <c>.mod</c>; these are buffered in memory.</summary>
    public long MaxMetadataBytes { get; init; } = 16L << 20;

    /// <summary>Connections per proxy host kept in the shared pool (HTTP/1.1); HTTP/2 multiplexes further.</summary>
    public int MaxConnectionsPerServer { get; init; } = 64;

    /// <summary>The HTTP proxy to reach GOPROXY servers through. <see langword="null"/> means the
    /// process default, read from HTTPS_PROXY/HTTP_PROXY/ALL_PROXY/NO_PROXY as the go command does.</summary>
    public IWebProxy? WebProxy { get; init; }

    /// <summary>Root certificates trusted in addition to the system's, for proxies behind a private CA. A server
    /// certificate is accepted when the system trusts it, or when its chain ends at one of these; a host name
    /// mismatch is never accepted.</summary>
    public IReadOnlyList<X509Certificate2>? AdditionalTrustedRoots { get; init; }

    /// <summary>Redacts every message the client produces. Share the build's redactor so secrets registered
    /// elsewhere are masked too; credentials of the proxy URLs used are registered on it automatically.</summary>
    public CredentialRedactor Redactor { get; init; } = new();

    /// <summary>Credentials from netrc and GOAUTH, asked per https request (null: only the user-info of the
    /// proxy URLs). The engine sets it from the resolved policy.</summary>
    internal CredentialSource? Credentials { get; init; }

    /// <summary>The User-Agent header sent with each request.</summary>
    public string UserAgent { get; init; } = "GoMirror.Build";
}
