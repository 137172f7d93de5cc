using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;

namespace GoMirror.Core.Ci;

/// <summary>
/// Publishes a report in GitLab CI: the summary inside a collapsible log section, and a dotenv file
/// (<c>artifacts:reports:dotenv</c>) with <c>GOMIRROR_FINGERPRINT</c> for later jobs. The JUnit, Code
/// Quality and CycloneDX files are ordinary report files, named in <c>artifacts:reports</c>.
/// </summary>
internal sealed partial class GitLabCiPublisher
{
    /// <summary>The dotenv file name.</summary>
    public const string DotenvFileName = "gomirror.env";

    /// <summary>GitLab accepts at most this many variables per dotenv file (its default limit).</summary>
    public const int MaxDotenvVariables = 20;

    /// <summary>GitLab accepts dotenv files up to this size (its default limit).</summary>
    public const int MaxDotenvBytes = 5 * 1024;

    private readonly TextWriter _log;
    private readonly TimeProvider _clock;
    private readonly CredentialRedactor _redactor;

    /// <summary>Creates a publisher.</summary>
    /// <param name="log">Where section markers go: the build's standard output.</param>
    /// <param name="clock">The clock for section timestamps (GitLab shows section durations from them).</param>
    /// <param name="redactor">The run's redactor.</param>
    public GitLabCiPublisher(TextWriter log, TimeProvider clock, CredentialRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(redactor);
        _log = log;
        _clock = clock;
        _redactor = redactor;
    }

    /// <summary>Writes the summary in a collapsed section and the dotenv file into <paramref name="reportFolder"/>.</summary>
    /// <returns>The dotenv file's path, or <see langword="null"/> when it could not be written.</returns>
    public string? Publish(ReproducibilityReport report, string reportFolder, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reportFolder);
        const string section = "gomirror_report";
        SectionStart(section, "GoMirror report " + report.Fingerprint);
        foreach (var line in CiText.SummaryLines(report))
        {
            _log.Write(_redactor.Redact(line) + "\n");
        }

        SectionEnd(section);
        var path = Path.Combine(reportFolder, DotenvFileName);
        return WriteDotenv(path, new Dictionary<string, string> { ["GOMIRROR_FINGERPRINT"] = report.Fingerprint }, diagnostics) ? path : null;
    }

    /// <summary>Starts a log section: <c>ESC[0Ksection_start:TS:NAME[collapsed=true]\rESC[0KHeader</c>.</summary>
    public void SectionStart(string name, string header, bool collapsed = true)
    {
        ArgumentNullException.ThrowIfNull(header);
        var options = collapsed ? "[collapsed=true]" : string.Empty;
        _log.Write($"\u001b[0Ksection_start:{Timestamp()}:{SectionName(name)}{options}\r\u001b[0K{_redactor.Redact(OneLine(header))}\n");
    }

    /// <summary>Ends a log section: <c>ESC[0Ksection_end:TS:NAME\rESC[0K</c>.</summary>
    public void SectionEnd(string name) =>
        _log.Write($"\u001b[0Ksection_end:{Timestamp()}:{SectionName(name)}\r\u001b[0K\n");

    /// <summary>
    /// Writes a dotenv file GitLab accepts: <c>NAME=value</c> lines, names of letters, digits and <c>_</c>,
    /// one-line values, no comments, at most <see cref="MaxDotenvVariables"/> variables and
    /// <see cref="MaxDotenvBytes"/> bytes. A variable that breaks a rule is left out with
    /// <see cref="CiDiagnostics.DotenvVariableRejected"/>. Values are redacted.
    /// </summary>
    /// <returns>False when the file could not be written.</returns>
    public bool WriteDotenv(string path, IReadOnlyDictionary<string, string> variables, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var text = new StringBuilder();
        var count = 0;
        foreach (var (name, raw) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var value = _redactor.Redact(raw);
            var line = name + "=" + value + "\n";
            string? problem = !DotenvName().IsMatch(name) ? "its name is not letters, digits and '_' (not starting with a digit)"
                : value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal) ? "its value has more than one line"
                : count >= MaxDotenvVariables ? string.Create(CultureInfo.InvariantCulture, $"the file already holds {MaxDotenvVariables} variables")
                : Encoding.UTF8.GetByteCount(text.ToString() + line) > MaxDotenvBytes ? string.Create(CultureInfo.InvariantCulture, $"the file would exceed {MaxDotenvBytes} bytes")
                : null;
            if (problem is not null)
            {
                diagnostics.Add(CiDiagnostics.DotenvVariableRejected.Create(
                    $"'{_redactor.Redact(OneLine(name))}' was left out of {Path.GetFileName(path)}: {problem}.", SourceLocation.InFile(path)));
                continue;
            }

            text.Append(line);
            count++;
        }

        var bag = new DiagnosticBag();
        if (ReportFileWriter.TryWriteAtomically(path, text.ToString(), bag))
        {
            return true;
        }

        diagnostics.AddRange(bag.ToList().Select(d => CiDiagnostics.CiFileWriteFailed.Create(d.Message, d.Location)));
        return false;
    }

    private string Timestamp() => _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string SectionName(string name)
    {
        var sanitized = CiEnvironment.Sanitize(name);
        return sanitized.Length == 0 ? "gomirror" : sanitized;
    }

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DotenvName();
}
