using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.Reports;

/// <summary>
/// Turns a <see cref="ReportInput"/> into a <see cref="ReproducibilityReport"/>: every text redacted, every
/// machine-specific folder replaced with a token, go.mod paths made relative, hashes checked and turned into
/// digests, everything sorted, and the fingerprint computed over the canonical reproducible part.
/// </summary>
internal sealed class ReportBuilder
{
    /// <summary>What the repository root is replaced with in text.</summary>
    public const string RepositoryRootToken = "${repositoryRoot}";

    /// <summary>Settings that say where things are on this machine, not which bytes a build uses. They are
    /// recorded in the environment part, so a cache in another folder keeps the fingerprint.</summary>
    public static readonly IReadOnlySet<string> MachineLocalSettings =
        new HashSet<string>(["GOMODCACHE", "GOPATH", "GOCACHE", "GOROOT", "GOENV", "GOTMPDIR"], StringComparer.Ordinal);

    private readonly string _root;
    private readonly CredentialRedactor _redactor;
    private readonly List<KeyValuePair<string, string>> _replacements = [];

    /// <summary>Creates a builder for one repository.</summary>
    /// <param name="repositoryRoot">The repository root: go.mod paths and finding locations become relative to
    /// it, and it is replaced with <see cref="RepositoryRootToken"/> wherever it appears in text.</param>
    /// <param name="redactor">The redactor holding every secret of the run (for example one made by the policy
    /// layer). URL credentials in policy values and proxies are added to it as well.</param>
    /// <param name="pathTokens">Further machine-specific folders (a proxy folder, a shared cache) mapped to the
    /// token that replaces them in text, for example <c>{"/srv/goproxy": "${proxyRoot}"}</c>.</param>
    public ReportBuilder(string repositoryRoot, CredentialRedactor redactor, IReadOnlyDictionary<string, string>? pathTokens = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(redactor);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        _redactor = redactor;
        AddReplacements(_root, RepositoryRootToken);
        foreach (var (folder, token) in pathTokens ?? new Dictionary<string, string>())
        {
            AddReplacements(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), token);
        }

        // Longest first, so a folder inside another is replaced whole.
        _replacements.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
    }

    /// <summary>Builds the report. Problems with the input (bad hashes, go.mod outside the repository) are
    /// added to <paramref name="diagnostics"/> and recorded as findings; they never throw.</summary>
    public ReproducibilityReport Build(ReportInput input, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var setting in input.Policy)
        {
            _redactor.AddSecretsFromUrl(setting.Value);
        }

        foreach (var module in input.Components.SelectMany(c => c.Modules))
        {
            _redactor.AddSecretsFromUrl(module.Proxy);
        }

        var own = new DiagnosticBag();
        var policy = input.Policy.Where(s => !MachineLocalSettings.Contains(s.Name)).Select(CleanSetting);
        var locations = input.Policy.Where(s => MachineLocalSettings.Contains(s.Name)).Select(RedactSetting)
            .Concat(input.Environment.Locations.Select(RedactSetting));
        var components = input.Components.Select(c => BuildComponent(c, own));

        var reproducible = new ReproduciblePart(
            CleanOrNull(input.GoVersion),
            SortSettings(policy),
            [.. components.OrderBy(c => c.GoMod, StringComparer.Ordinal).ThenBy(c => c.Modules.Count)]);

        var environment = input.Environment with
        {
            Host = RedactOrNull(input.Environment.Host),
            OperatingSystem = RedactOrNull(input.Environment.OperatingSystem),
            Architecture = RedactOrNull(input.Environment.Architecture),
            CiProvider = RedactOrNull(input.Environment.CiProvider),
            RunId = RedactOrNull(input.Environment.RunId),
            Job = RedactOrNull(input.Environment.Job),
            Tool = RedactOrNull(input.Environment.Tool),
            Timings = [.. input.Environment.Timings.Select(t => t with { Name = _redactor.Redact(t.Name) }).OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Duration)],
            Locations = SortSettings(locations),
            ModuleSets = [.. input.Environment.ModuleSets
                .Select(m => m with { GoMod = TryRelative(m.GoMod, out var relative) ? Clean(relative) : Clean(m.GoMod), Feed = Clean(m.Feed) })
                .OrderBy(m => m.GoMod, StringComparer.Ordinal).ThenBy(m => m.Outcome, StringComparer.Ordinal)],
        };

        diagnostics.AddRange(own.ToList());
        var report = new ReproducibilityReport
        {
            Fingerprint = ReportJson.Fingerprint(reproducible),
            Reproducible = reproducible,
            Environment = environment,
        };
        return AddFindings(report, input.Findings.Concat(own.ToList()));
    }

    /// <summary>Returns <paramref name="report"/> with <paramref name="findings"/> added (drift results, say).
    /// Findings are not fingerprinted, so the fingerprint stays.</summary>
    public ReproducibilityReport AddFindings(ReproducibilityReport report, IEnumerable<Diagnostic> findings)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        var all = report.Findings.Concat(findings.Select(ToFinding))
            .Distinct()
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ThenBy(f => f.Fix, StringComparer.Ordinal);
        return report with { Findings = [.. all] };
    }

    /// <summary>Redacts credentials from <paramref name="text"/> and replaces machine-specific folders with tokens.</summary>
    public string Clean(string? text) => _redactor.Redact(ReplaceFolders(text ?? string.Empty));

    private ReportComponent BuildComponent(GoComponentRecord component, DiagnosticBag diagnostics)
    {
        var goMod = RelativeGoMod(component.GoModPath, diagnostics);
        var modules = component.Modules.Select(m => BuildModule(m, goMod, diagnostics))
            .Distinct()
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ThenBy(m => m.Version, StringComparer.Ordinal)
            .ThenBy(m => m.Sum ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(m => m.Proxy ?? string.Empty, StringComparer.Ordinal);
        return new ReportComponent(goMod, [.. modules])
        {
            Members = [.. component.Members.Select(m => RelativeGoMod(m, diagnostics))],
            Toolchain = component.Toolchain is { } t
                ? new ReportToolchain(Clean(t.Go), Clean(t.FoundGo), t.Selection, t.Module is null ? null : Clean(t.Module)) { Hash = t.Hash, Verification = t.Verification }
                : null,
        };
    }

    private ReportModule BuildModule(ModuleRecord module, string goMod, DiagnosticBag diagnostics)
    {
        var path = Clean(module.Path);
        var version = Clean(module.Version);
        var sum = module.Sum;
        string? sha256 = null;
        var reason = CleanOrNull(module.NoDigestReason);
        if (sum is not null && ModuleDigest.TryH1ToSha256Hex(sum, out var hex))
        {
            sha256 = hex;
            reason = null;
        }
        else if (sum is not null)
        {
            sum = Clean(sum);
            reason = "the recorded hash is not a valid h1: hash";
            diagnostics.Add(ReportDiagnostics.InvalidModuleHash.Create(
                $"{path}@{version}: hash '{sum}' is not 'h1:' followed by the base64 of 32 bytes; the report records no digest for it.",
                SourceLocation.InFile(goMod)));
        }
        else
        {
            reason ??= "no hash was recorded";
        }

        var goModSum = module.GoModSum is null ? null
            : ModuleDigest.TryH1ToSha256Hex(module.GoModSum, out _) ? module.GoModSum : Clean(module.GoModSum);
        return new ReportModule(path, version, sum, goModSum, module.Verification, CleanOrNull(module.VerificationDetail), CleanOrNull(module.Proxy), sha256, reason)
        {
            Route = CleanOrNull(module.Route),
        };
    }

    private string RelativeGoMod(string goModPath, DiagnosticBag diagnostics)
    {
        if (!Path.IsPathRooted(goModPath))
        {
            var relative = goModPath.Replace('\\', '/');
            while (relative.StartsWith("./", StringComparison.Ordinal))
            {
                relative = relative[2..];
            }

            return Clean(relative);
        }

        if (TryRelative(goModPath, out var inside))
        {
            return Clean(inside);
        }

        var full = Path.GetFullPath(goModPath);
        var folder = Path.GetFileName(Path.GetDirectoryName(full)) ?? string.Empty;
        var recorded = "<outside-repository>/" + Clean(folder) + "/" + Clean(Path.GetFileName(full));
        diagnostics.Add(ReportDiagnostics.GoModOutsideRepository.Create(
            $"{Clean(goModPath)} is not under the repository root; the report records it as '{recorded}'.",
            new SourceLocation(Clean(goModPath))));
        return recorded;
    }

    private bool TryRelative(string path, out string relative)
    {
        var full = Path.GetFullPath(path);
        relative = Path.GetRelativePath(_root, full);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return false;
        }

        relative = relative.Replace('\\', '/');
        return true;
    }

    private ReportFinding ToFinding(Diagnostic diagnostic)
    {
        string? path = null;
        var isFile = false;
        var location = diagnostic.Location;
        if (location?.File is { } file)
        {
            isFile = true;
            path = Path.IsPathRooted(file)
                ? TryRelative(file, out var relative) ? Clean(relative) : Clean(file)
                : Clean(file.Replace('\\', '/'));
        }
        else if (location is not null)
        {
            path = Clean(location.Description);
        }

        return new ReportFinding(
            diagnostic.Code,
            diagnostic.Severity,
            Clean(diagnostic.Message),
            Clean(diagnostic.Fix),
            path,
            location?.Line ?? 0,
            location?.Column ?? 0,
            isFile);
    }

    private PolicySetting CleanSetting(PolicySetting setting) =>
        new(Clean(setting.Name), Clean(setting.Value), Clean(setting.Source));

    private PolicySetting RedactSetting(PolicySetting setting) =>
        new(_redactor.Redact(setting.Name), _redactor.Redact(setting.Value), _redactor.Redact(setting.Source));

    private static PolicySetting[] SortSettings(IEnumerable<PolicySetting> settings) =>
        [.. settings.Distinct()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Value, StringComparer.Ordinal)
            .ThenBy(s => s.Source, StringComparer.Ordinal)];

    private string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private string? RedactOrNull(string? text) => text is null ? null : _redactor.Redact(text);

    private void AddReplacements(string folder, string token)
    {
        _replacements.Add(new(folder, token));
        if (folder.Contains('\\', StringComparison.Ordinal))
        {
            _replacements.Add(new(folder.Replace('\\', '/'), token));
        }

        // A file:// proxy under the folder: the URL form must not differ between Windows and Unix.
        var url = new Uri(folder + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
        _replacements.Add(new(url, "file://" + token));
    }

    private string ReplaceFolders(string text)
    {
        foreach (var (folder, token) in _replacements)
        {
            var start = 0;
            while ((start = text.IndexOf(folder, start, StringComparison.Ordinal)) >= 0)
            {
                var end = start + folder.Length;
                // Only whole folders: /repo must not turn /repository into ${repositoryRoot}sitory.
                if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '_' or '.'))
                {
                    start = end;
                    continue;
                }

                text = string.Concat(text.AsSpan(0, start), token, text.AsSpan(end));
                start += token.Length;
            }
        }

        return text;
    }
}
