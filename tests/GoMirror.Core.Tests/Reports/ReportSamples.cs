using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;

namespace GoMirror.Core.Tests.Reports;

/// <summary>One realistic report input, parameterised by everything that must not change a fingerprint.</summary>
internal static class ReportSamples
{
    public const string Secret = "s3cr3t-T0ken-Zq9";

    public static readonly DateTimeOffset FixedTime = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>A well-formed h1: hash derived from <paramref name="seed"/>.</summary>
    public static string H1(string seed) => "h1:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static ReportInput Input(string root, string cache, string userInfo = "ci-bot:" + Secret, DateTimeOffset? generatedAt = null, string? zipSeed = null)
    {
        var corpProxy = $"https://{userInfo}@goproxy.corp.example/go";
        var tools = new GoComponentRecord(Path.Combine(root, "tools", "agent", "go.mod"),
        [
            new("golang.org/x/text", "v0.3.7") { Sum = H1(zipSeed ?? "text-zip"), GoModSum = H1("text-mod"), Verification = ModuleVerification.GoSum, VerificationDetail = "tools/agent/go.sum line 3", Proxy = corpProxy },
            new("github.com/pkg/errors", "v0.9.1") { Sum = H1("errors-zip"), GoModSum = H1("errors-mod"), Verification = ModuleVerification.ChecksumDatabase, VerificationDetail = "sum.golang.org", Proxy = "https://proxy.golang.org" },
            new("corp.example/lib", "v1.2.0") { Sum = H1("lib-zip"), GoModSum = H1("lib-mod"), Verification = ModuleVerification.NotVerified, VerificationDetail = "GONOSUMDB matches corp.example", Proxy = new Uri(Path.Combine(root, ".goproxy") + "/").AbsoluteUri.TrimEnd('/') },
            new("example.com/local", "v0.0.0") { Verification = ModuleVerification.NotApplicable, NoDigestReason = "replaced by ../local" },
            new("github.com/old/thing", "v2.0.0+incompatible") { Sum = H1("old-zip"), GoModSum = H1("old-mod"), Verification = ModuleVerification.GoSum, VerificationDetail = "tools/agent/go.sum line 7", Proxy = "https://proxy.golang.org" },
        ]);
        var api = new GoComponentRecord("services/api/go.mod",
        [
            new("golang.org/x/text", "v0.3.7") { Sum = H1(zipSeed ?? "text-zip"), GoModSum = H1("text-mod"), Verification = ModuleVerification.GoSum, VerificationDetail = "services/api/go.sum line 1", Proxy = corpProxy },
            new("example.com/bad", "v1.0.0") { Sum = H1("bad-zip-served"), GoModSum = H1("bad-mod"), Verification = ModuleVerification.Mismatch, VerificationDetail = "go.sum has " + H1("bad-zip-expected"), Proxy = corpProxy },
        ]);
        return new ReportInput
        {
            GoVersion = "go1.19.8",
            Policy =
            [
                new("GOPROXY", corpProxy + "|https://proxy.golang.org,direct", Path.Combine(root, "Directory.Build.props") + "(12)"),
                new("GOPRIVATE", "corp.example/*", "environment variable GOPRIVATE"),
                new("GONOSUMDB", "corp.example", "environment variable GONOSUMDB"),
                new("GOSUMDB", "sum.golang.org", "default"),
                new("GOFLAGS", "-mod=mod", "default"),
                new("GOMODCACHE", cache, "environment variable GOMODCACHE"),
            ],
            Components = [tools, api],
            Environment = new ReportEnvironment
            {
                Host = "runner-1",
                OperatingSystem = "linux",
                Architecture = "amd64",
                Tool = "GoMirror.Build 0.1.0",
                GeneratedAt = generatedAt ?? FixedTime,
                Timings = [new("prewarm", TimeSpan.FromMilliseconds(1234)), new("download", TimeSpan.FromMilliseconds(567))],
                CacheHits = 3,
                CacheMisses = 2,
            },
            Findings =
            [
                PolicyDiagnostics.UnsupportedProxyScheme.Create($"GOPROXY entry 'ftp://{userInfo}@mirror.example' uses ftp://.", SourceLocation.InFile(Path.Combine(root, "Directory.Build.props"), 12, 5), severity: DiagnosticSeverity.Warning),
                PolicyDiagnostics.MalformedProxyList.Create("GOPROXY is ',' with no entries.", new SourceLocation("environment variable GOPROXY")),
            ],
        };
    }

    public static ReproducibilityReport Build(string root, string cache, string userInfo = "ci-bot:" + Secret, DateTimeOffset? generatedAt = null, string? zipSeed = null)
    {
        var redactor = new CredentialRedactor();
        redactor.AddSecret(Secret);
        return new ReportBuilder(root, redactor).Build(Input(root, cache, userInfo, generatedAt, zipSeed), new DiagnosticBag());
    }
}
