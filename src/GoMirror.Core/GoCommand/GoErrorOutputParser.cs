using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;
using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Turns what the go command says about a failure (its stderr, or the <c>Error</c> text of a JSON object)
/// into one diagnostic per distinct problem, each with a code, a location when Go names one, and a fix.
/// </summary>
internal static partial class GoErrorOutputParser
{
    private const int MaxQuotedLength = 600;

    /// <summary>Reads the stderr of a go command.</summary>
    /// <param name="stderr">The standard error text (redact it first, or pass <paramref name="redactor"/>).</param>
    /// <param name="goSumPath">The go.sum the command used, so a checksum mismatch can point at its line; null if unknown.</param>
    /// <param name="redactor">Masks secrets in messages; URL user-info is masked in any case.</param>
    /// <param name="workingDirectory">The folder the command ran in: Go 1.21 and later name the go.mod of a parse
    /// error relative to it (<c>go.mod:6: ...</c>; Go 1.19 gives the full path), so locations are made absolute.</param>
    /// <returns>The diagnostics, without duplicates, in the order Go reported the problems.</returns>
    public static IReadOnlyList<Diagnostic> ParseStandardError(string stderr, string? goSumPath = null, CredentialRedactor? redactor = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var goSum = GoSumText.Load(goSumPath);
        var found = new List<Diagnostic>();
        var lines = stderr.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || IsIndented(line) || IsProgress(line))
            {
                continue;
            }

            if (MismatchPattern().Match(line) is { Success: true } mismatch)
            {
                i = ReadMismatch(lines, i, mismatch, goSum, found);
                continue;
            }

            if (FileLinePattern().Match(line) is { Success: true } located)
            {
                found.Add(FileProblem(located, Redact(line, redactor)));
                continue;
            }

            if (!line.StartsWith("go: ", StringComparison.Ordinal) || line.EndsWith(':'))
            {
                // Headers such as "go: errors parsing go.mod:" introduce the located lines that follow;
                // anything else unrecognised stays in the raw stderr the caller logs.
                continue;
            }

            var message = line[4..];
            while (i + 1 < lines.Length && IsIndented(lines[i + 1]))
            {
                message += "\n" + lines[++i];
            }

            found.Add(Classify(message, Redact(message, redactor)));
        }

        return Distinct(found.Select(d => Absolute(d, workingDirectory)));
    }

    private static Diagnostic Absolute(Diagnostic diagnostic, string? workingDirectory) =>
        workingDirectory is not null && diagnostic.Location is { File: { Length: > 0 } file } location && !Path.IsPathRooted(file)
            ? diagnostic with { Location = location with { File = Path.GetFullPath(Path.Combine(workingDirectory, file)) } }
            : diagnostic;

    /// <summary>Classifies the <c>Error</c> of one <c>go mod download -json</c> object.</summary>
    /// <param name="module">The object; its <see cref="GoModuleDownload.Error"/> must be set.</param>
    /// <param name="redactor">Masks secrets in the message; URL user-info is masked in any case.</param>
    public static Diagnostic ClassifyModuleError(GoModuleDownload module, CredentialRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var error = module.Error ?? throw new ArgumentException("the module has no error", nameof(module));
        var message = error.Contains(module.ToString(), StringComparison.Ordinal) ? error : module + ": " + error;
        return Classify(message, Redact(message, redactor));
    }

    /// <summary>Drops repeated diagnostics (same code and message), keeping the first.</summary>
    internal static IReadOnlyList<Diagnostic> Distinct(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.DistinctBy(d => (d.Code, d.Message, d.Location))];

    private static Diagnostic Classify(string message, string redacted)
    {
        var quoted = Quote(redacted);
        var subject = ModuleVersionPattern().Match(message) is { Success: true } m ? m.Value : "a module";
        if (message.Contains("module lookup disabled by GOPROXY=off", StringComparison.Ordinal))
        {
            return GoCommandDiagnostics.ModuleLookupDisabled.Create(
                $"{subject} is not in the module cache and GOPROXY=off forbids downloading it. Go said: {quoted}");
        }

        if (message.Contains("refusing to pass credentials to insecure URL", StringComparison.Ordinal))
        {
            return GoCommandDiagnostics.CredentialsOverHttp.Create($"Go did not fetch {subject}: a GOPROXY entry carries credentials but uses http://. Go said: {quoted}");
        }

        if (SumDbRefusalPattern().IsMatch(message))
        {
            return GoCommandDiagnostics.ChecksumDatabaseLookupFailed.Create(
                $"The checksum database answered 'not found' for {subject}: it only knows public modules. Go said: {quoted}",
                fix: $"If {subject.Split('@')[0]} is private, add its path (or a pattern covering it) to GOPRIVATE, or to GONOSUMDB to keep fetching it through the proxy. " + GoCommandDiagnostics.ChecksumDatabaseLookupFailed.Fix);
        }

        if (NetworkPattern().IsMatch(message))
        {
            var host = HostPattern().Match(redacted) is { Success: true } h ? h.Groups["url"].Value : "a proxy";
            return GoCommandDiagnostics.ProxyUnreachable.Create($"Go could not reach {host} for {subject}. Go said: {quoted}");
        }

        if (NotFoundPattern().IsMatch(message))
        {
            return GoCommandDiagnostics.ModuleNotFound.Create($"No proxy in GOPROXY has {subject}. Go said: {quoted}");
        }

        if (message.Contains("GOMODCACHE entry is relative", StringComparison.Ordinal) || message.Contains("module cache not found", StringComparison.Ordinal))
        {
            return GoCommandDiagnostics.EnvironmentIncomplete.Create($"Go cannot use the module cache it was given. Go said: {quoted}");
        }

        if (FileLinePattern().Match(message) is { Success: true } located)
        {
            return FileProblem(located, redacted);
        }

        return GoCommandDiagnostics.CommandFailed.Create("Go said: " + quoted);
    }

    private static int ReadMismatch(string[] lines, int start, Match mismatch, GoSumText goSum, List<Diagnostic> found)
    {
        var module = mismatch.Groups["mod"].Value;
        var version = mismatch.Groups["ver"].Value;
        var isGoMod = mismatch.Groups["gomod"].Success;
        string? downloaded = null;
        string? recorded = null;
        var recordedBy = "go.sum";
        var i = start;
        for (; i + 1 < lines.Length && IsIndented(lines[i + 1]); i++)
        {
            if (HashLinePattern().Match(lines[i + 1]) is not { Success: true } hash)
            {
                continue;
            }

            if (hash.Groups["label"].Value == "downloaded")
            {
                downloaded = hash.Groups["hash"].Value;
            }
            else
            {
                recordedBy = hash.Groups["label"].Value;
                recorded = hash.Groups["hash"].Value;
            }
        }

        // The SECURITY ERROR explanation that follows is Go's fixed text; it ends with "For more information".
        for (var j = i + 1; j < lines.Length && !lines[j].StartsWith("go: ", StringComparison.Ordinal) && !MismatchPattern().IsMatch(lines[j]); j++)
        {
            if (lines[j].StartsWith("For more information", StringComparison.Ordinal))
            {
                i = j;
                break;
            }
        }

        var what = isGoMod ? $"{module}@{version}/go.mod" : $"{module}@{version}";
        var fromGoSum = recordedBy == "go.sum";
        var location = fromGoSum ? goSum.Locate(module, version, isGoMod) : null;
        var recordedText = fromGoSum ? "go.sum records" : $"the checksum database {recordedBy} records";
        found.Add(GoCommandDiagnostics.ChecksumMismatch.Create(
            $"SECURITY ERROR: {what} downloaded with hash {downloaded ?? "(not shown)"} but {recordedText} {recorded ?? "(not shown)"}.",
            location));
        return i;
    }

    private static Diagnostic FileProblem(Match located, string text)
    {
        var file = located.Groups["file"].Value;
        var line = int.Parse(located.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var column = located.Groups["col"].Success ? int.Parse(located.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        // Go 1.19 drops malformed go.sum lines silently, so a located problem is a go.mod or go.work one;
        // anything else Go points at still gets its location, under the general code.
        var descriptor = file.EndsWith("go.sum", StringComparison.Ordinal) ? GoCommandDiagnostics.CommandFailed : GoCommandDiagnostics.MalformedGoMod;
        return descriptor.Create($"{Path.GetFileName(file)} line {line}: {located.Groups["msg"].Value.Trim()} (Go said: {Quote(text)})", SourceLocation.InFile(file, line, column));
    }

    private static string Redact(string text, CredentialRedactor? redactor) =>
        redactor is null ? CredentialRedactor.RedactText(text) : redactor.Redact(text);

    // One line, whitespace collapsed, cut to a readable length: the full text stays in the raw stderr.
    private static string Quote(string text)
    {
        var flat = WhitespacePattern().Replace(text, " ").Trim();
        return flat.Length <= MaxQuotedLength ? flat : flat[..MaxQuotedLength] + "…";
    }

    private static bool IsIndented(string line) => line.Length > 0 && (line[0] == '\t' || line[0] == ' ');

    private static bool IsProgress(string line) =>
        line.StartsWith("go: downloading ", StringComparison.Ordinal) || line.StartsWith("go: finding ", StringComparison.Ordinal) || line.StartsWith("go: extracting ", StringComparison.Ordinal);

    [GeneratedRegex(@"verifying (?:module: |go\.mod: )?(?<mod>[^\s@]+)@(?<ver>[^\s:/@]+)(?<gomod>/go\.mod)?: checksum mismatch", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MismatchPattern();

    [GeneratedRegex(@"^\s*(?<label>[^\s:]+(?:\.[^\s:]+)*):\s+(?<hash>h1:\S+)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HashLinePattern();

    [GeneratedRegex(@"^(?:go: )?(?:[^\s@]+@\S+: )?(?:[a-z ]*: )?(?<file>(?:[A-Za-z]:)?[^:\s]*go\.(?:mod|sum|work)):(?<line>\d+)(?::(?<col>\d+))?: (?<msg>.*)$", RegexOptions.CultureInvariant | RegexOptions.Multiline, 1000)]
    private static partial Regex FileLinePattern();

    [GeneratedRegex(@"[^\s@:""]+@v[0-9][^\s:/""]*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ModuleVersionPattern();

    [GeneratedRegex(@"verifying .*(?:/lookup/|sumdb).*: (?:410 Gone|404 Not Found)", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    private static partial Regex SumDbRefusalPattern();

    [GeneratedRegex(@"dial tcp|no such host|connection refused|connection reset|i/o timeout|TLS handshake|x509:|certificate|Client\.Timeout|context deadline exceeded|network is unreachable|EOF$", RegexOptions.CultureInvariant | RegexOptions.Multiline, 1000)]
    private static partial Regex NetworkPattern();

    [GeneratedRegex(@"(?:reading|Get) ""?(?<url>[a-z]+://[^/\s""]+)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"404 Not Found|410 Gone|reading file://.*(?:no such file or directory|cannot find the (?:file|path))|unknown revision|no matching versions|invalid version: unknown|not found: ", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NotFoundPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhitespacePattern();
}
