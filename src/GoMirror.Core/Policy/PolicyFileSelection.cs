using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>
/// The policy file and the profile chosen from it: the Go variables and routes it gives, which rank below the
/// build's explicit settings and above the environment. The profile is <c>GoMirrorProfile</c>, else
/// <c>GOMIRROR_PROFILE</c>, else the file's <c>ciProfile</c> when <c>CI</c> is <c>true</c>, else its
/// <c>defaultProfile</c>, else none (the file's common <c>go</c> and <c>routes</c> only).
/// </summary>
/// <param name="FilePath">The policy file read, or null for none.</param>
/// <param name="ProfileName">The profile used, or null for none.</param>
/// <param name="SelectedBy">What chose the profile, for example <c>GOMIRROR_PROFILE environment variable</c>.</param>
/// <param name="Settings">Go variables from the file, the profile's over the common ones, each with its place.</param>
/// <param name="Routes">Routes from the file, the profile's over the common ones for the same pattern.</param>
internal sealed record PolicyFileSelection(string? FilePath, string? ProfileName, string? SelectedBy, IReadOnlyList<ExplicitSetting> Settings, IReadOnlyList<RouteSetting> Routes)
{
    /// <summary>The variable that names the profile outside the build.</summary>
    public const string ProfileVariable = "GOMIRROR_PROFILE";

    /// <summary>The value of <c>GoMirrorPolicyFile</c> that turns the policy file off.</summary>
    public const string NoFile = "none";

    /// <summary>No file, no profile.</summary>
    public static PolicyFileSelection None { get; } = new(null, null, null, [], []);

    /// <summary>Finds (or takes <paramref name="policyFile"/>), reads and checks the policy file and picks the profile.</summary>
    /// <param name="host">The environment: GOMIRROR_PROFILE and CI.</param>
    /// <param name="policyFile">GoMirrorPolicyFile: a path, <see cref="NoFile"/>, or null/empty to search upward
    /// from <paramref name="searchFrom"/>.</param>
    /// <param name="profile">GoMirrorProfile, or null/empty.</param>
    /// <param name="searchFrom">The folder the search starts in (the project's, else the current one).</param>
    /// <param name="diagnostics">Receives what is wrong (GOMIRROR0020–0022, 0028).</param>
    public static PolicyFileSelection Select(GoPolicyHost host, string? policyFile, string? profile, string? searchFrom, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(host);
        policyFile = policyFile?.Trim();
        string? path;
        if (string.Equals(policyFile, NoFile, StringComparison.OrdinalIgnoreCase))
        {
            path = null;
        }
        else if (!string.IsNullOrEmpty(policyFile))
        {
            path = Path.GetFullPath(policyFile);
            if (!File.Exists(path))
            {
                diagnostics.Add(PolicyDiagnostics.PolicyFileNotFound.Create($"GoMirrorPolicyFile names {path}, which does not exist.", new SourceLocation("GoMirrorPolicyFile")));
                return None;
            }
        }
        else
        {
            path = PolicyFile.Find(searchFrom ?? Directory.GetCurrentDirectory());
        }

        var file = path is null ? null : PolicyFile.Load(path, diagnostics);
        var (name, selectedBy, at) = Choose(host, profile, file);
        if (name is null)
        {
            return file is null ? None : new PolicyFileSelection(file.Path, null, null, FileSettings(file, null, null), file.Routes);
        }

        if (file is null)
        {
            if (path is null)
            {
                diagnostics.Add(PolicyDiagnostics.UnknownProfile.Create(
                    $"{selectedBy} names the profile '{name}', but there is no {PolicyFile.FileName} in {searchFrom ?? Directory.GetCurrentDirectory()} or a folder above it.",
                    at ?? new SourceLocation(selectedBy),
                    $"Add {PolicyFile.FileName} at the repository root with a profile '{name}', set GoMirrorPolicyFile, or unset {selectedBy}."));
            }

            return None;
        }

        if (!file.Profiles.TryGetValue(name, out var chosen))
        {
            var known = file.Profiles.Count == 0 ? "it defines no profiles" : "it defines " + string.Join(", ", file.Profiles.Keys.Order(StringComparer.Ordinal));
            diagnostics.Add(PolicyDiagnostics.UnknownProfile.Create(
                $"{selectedBy} names the profile '{name}', which {file.Path} does not define ({known}).",
                at ?? file.ProfilesLocation));
            return new PolicyFileSelection(file.Path, null, null, FileSettings(file, null, null), file.Routes);
        }

        var routes = file.Routes.Where(r => !chosen.Routes.Any(p => p.Pattern == r.Pattern)).Concat(chosen.Routes).ToList();
        return new PolicyFileSelection(file.Path, name, selectedBy, FileSettings(file, chosen, selectedBy), routes);
    }

    /// <summary>True when <c>CI</c> says the build runs on CI, as GitHub Actions, GitLab CI, Azure Pipelines and
    /// most others set it: <c>true</c> (any case) or <c>1</c>.</summary>
    public static bool IsCi(GoPolicyHost host) => host.Get("CI") is { } ci && (string.Equals(ci.Trim(), "true", StringComparison.OrdinalIgnoreCase) || ci.Trim() == "1");

    private static (string? Name, string SelectedBy, SourceLocation? At) Choose(GoPolicyHost host, string? profile, PolicyFile? file)
    {
        if (!string.IsNullOrWhiteSpace(profile))
        {
            return (profile.Trim(), "GoMirrorProfile", null);
        }

        if (host.Get(ProfileVariable) is { } fromEnvironment && fromEnvironment.Trim().Length > 0)
        {
            return (fromEnvironment.Trim(), ProfileVariable + " environment variable", null);
        }

        if (file?.CiProfile is { } ci && IsCi(host))
        {
            return (ci.Value, "ciProfile (CI=true)", ci.Location);
        }

        return file?.DefaultProfile is { } standard ? (standard.Value, "defaultProfile", standard.Location) : (null, string.Empty, null);
    }

    private static List<ExplicitSetting> FileSettings(PolicyFile file, PolicyProfile? profile, string? selectedBy)
    {
        var settings = new Dictionary<string, ExplicitSetting>(StringComparer.Ordinal);
        foreach (var (name, value) in file.Go)
        {
            settings[name] = new ExplicitSetting(name, value.Value, value.Location with { Description = $"{name} in {PolicyFile.FileName}" });
        }

        foreach (var (name, value) in profile?.Go ?? new Dictionary<string, PolicyFileValue>())
        {
            settings[name] = new ExplicitSetting(name, value.Value, value.Location with { Description = $"{name} in profile '{profile!.Name}' of {PolicyFile.FileName} (selected by {selectedBy})" });
        }

        return [.. settings.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }
}
