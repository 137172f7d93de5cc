using System.Text;

namespace GoMirror.Core.Ci;

/// <summary>
/// What a build learns from its CI environment: the provider, run and job, and a report folder name that
/// differs between matrix legs, so parallel legs never overwrite each other's reports or artifacts.
/// The environment is a function, so tests and hosts (MSBuild, Cake) pass their own.
/// </summary>
internal sealed class CiEnvironment
{
    /// <summary>Environment variable that names the matrix leg explicitly (for example <c>${{ matrix.os }}-go${{ matrix.go }}</c>).</summary>
    public const string LegVariable = "GOMIRROR_REPORT_LEG";

    private readonly Func<string, string?> _environment;

    /// <summary>Reads the CI environment from <paramref name="environment"/>.</summary>
    public CiEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        Provider = IsTrue("GITHUB_ACTIONS") ? CiProvider.GitHubActions
            : IsTrue("GITLAB_CI") ? CiProvider.GitLabCi
            : CiProvider.None;
    }

    /// <summary>The CI environment of this process.</summary>
    public static CiEnvironment FromProcess() => new(Environment.GetEnvironmentVariable);

    /// <summary>The detected provider.</summary>
    public CiProvider Provider { get; }

    /// <summary>The provider as reports spell it: <c>github-actions</c>, <c>gitlab-ci</c>, or <see langword="null"/>.</summary>
    public string? ProviderName => Provider switch
    {
        CiProvider.GitHubActions => "github-actions",
        CiProvider.GitLabCi => "gitlab-ci",
        _ => null,
    };

    /// <summary>The run: GitHub <c>GITHUB_RUN_ID</c> (with <c>-GITHUB_RUN_ATTEMPT</c>), GitLab <c>CI_PIPELINE_ID</c>.</summary>
    public string? RunId => Provider switch
    {
        CiProvider.GitHubActions => Get("GITHUB_RUN_ID") is { } id ? id + (Get("GITHUB_RUN_ATTEMPT") is { } attempt ? "-" + attempt : string.Empty) : null,
        CiProvider.GitLabCi => Get("CI_PIPELINE_ID"),
        _ => null,
    };

    /// <summary>The job: GitHub <c>GITHUB_JOB</c>, GitLab <c>CI_JOB_NAME</c> (which includes matrix values).</summary>
    public string? Job => Provider switch
    {
        CiProvider.GitHubActions => Get("GITHUB_JOB"),
        CiProvider.GitLabCi => Get("CI_JOB_NAME"),
        _ => null,
    };

    /// <summary>The value of an environment variable, or <see langword="null"/> when unset or empty.</summary>
    public string? Get(string name) => _environment(name) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// A folder (and artifact) name unique per job and matrix leg: <c>gomirror-&lt;job&gt;-&lt;leg&gt;</c>.
    /// The leg is <paramref name="leg"/>, else <see cref="LegVariable"/>, else on GitHub
    /// <c>RUNNER_OS-RUNNER_ARCH</c> (GitHub does not expose matrix values; set the leg when legs share an OS).
    /// GitLab's <c>CI_JOB_NAME</c> already names the matrix values. Only <c>[A-Za-z0-9._-]</c> remain, and
    /// secrets known to <paramref name="redactor"/> are removed first (folder names become artifact names).
    /// </summary>
    public string ReportFolderName(string? leg = null, Security.CredentialRedactor? redactor = null)
    {
        leg ??= Get(LegVariable);
        if (leg is null && Provider == CiProvider.GitHubActions && Get("RUNNER_OS") is { } os)
        {
            leg = os + (Get("RUNNER_ARCH") is { } arch ? "-" + arch : string.Empty);
        }

        var parts = new[] { "gomirror", Job, leg }
            .Where(p => p is not null)
            .Select(p => Sanitize(redactor is null ? p! : redactor.Redact(p).Replace(Security.CredentialRedactor.Mask, " ", StringComparison.Ordinal)))
            .Where(p => p.Length > 0);
        var name = string.Join("-", parts);
        return name.Length <= 120 ? name : name[..120].TrimEnd('-', '.');
    }

    /// <summary>Replaces every run of characters outside <c>[A-Za-z0-9._-]</c> with one <c>-</c>.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-', '.');
    }

    private bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);
}
