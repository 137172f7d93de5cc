using System.Text.Json;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>A string of the policy file and where it is.</summary>
/// <param name="Value">The value.</param>
/// <param name="Location">Its file, line and column.</param>
internal sealed record PolicyFileValue(string Value, SourceLocation Location);

/// <summary>One named profile of the policy file: Go variables and routes.</summary>
/// <param name="Name">The profile's name, for example <c>ci</c>.</param>
/// <param name="Location">Where its name is written.</param>
/// <param name="Go">Policy variables (GOPROXY, GOPRIVATE, ...) by name.</param>
/// <param name="Routes">Its routes.</param>
internal sealed record PolicyProfile(string Name, SourceLocation Location, IReadOnlyDictionary<string, PolicyFileValue> Go, IReadOnlyList<RouteSetting> Routes);

/// <summary>
/// <c>gomirror.json</c> (docs/schema/gomirror.schema.json): Go variables and routes for every profile (<c>go</c>,
/// <c>routes</c>), named <c>profiles</c> that add to and override them, the profile used when nothing names one
/// (<c>defaultProfile</c>) and the one used on CI (<c>ciProfile</c>, when <c>CI</c> is <c>true</c>). Found upward
/// from the project, as <c>global.json</c> is. Every problem names the file, line and column.
/// </summary>
internal sealed class PolicyFile
{
    /// <summary>The policy file's name.</summary>
    public const string FileName = "gomirror.json";

    private static readonly string[] TopLevelKeys = ["$schema", "defaultProfile", "ciProfile", "go", "routes", "profiles"];
    private static readonly string[] ProfileKeys = ["go", "routes", "description"];

    private PolicyFile(string path) => Path = path;

    /// <summary>The file, as a full path.</summary>
    public string Path { get; }

    /// <summary>Go variables for every profile.</summary>
    public IReadOnlyDictionary<string, PolicyFileValue> Go { get; private set; } = new Dictionary<string, PolicyFileValue>();

    /// <summary>Routes for every profile.</summary>
    public IReadOnlyList<RouteSetting> Routes { get; private set; } = [];

    /// <summary>The named profiles.</summary>
    public IReadOnlyDictionary<string, PolicyProfile> Profiles { get; private set; } = new Dictionary<string, PolicyProfile>();

    /// <summary>Where the <c>profiles</c> object is (the file's start when there is none).</summary>
    public SourceLocation ProfilesLocation { get; private set; } = SourceLocation.InFile(string.Empty);

    /// <summary>The profile used when nothing else names one; null for none.</summary>
    public PolicyFileValue? DefaultProfile { get; private set; }

    /// <summary>The profile used when the <c>CI</c> variable is <c>true</c>; null for none.</summary>
    public PolicyFileValue? CiProfile { get; private set; }

    /// <summary>The nearest <see cref="FileName"/> in <paramref name="directory"/> or a folder above it; null for none.</summary>
    public static string? Find(string? directory)
    {
        for (var folder = directory is null ? null : System.IO.Path.GetFullPath(directory); folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            var candidate = System.IO.Path.Combine(folder, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads and checks <paramref name="path"/>; null when it cannot be read or is not JSON (then
    /// <paramref name="diagnostics"/> holds the error). Schema problems are errors too, and the parts in error are left out.</summary>
    public static PolicyFile? Load(string path, DiagnosticBag diagnostics)
    {
        var full = System.IO.Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(PolicyDiagnostics.PolicyFileNotFound.Create($"The policy file {full} cannot be read: {e.Message}", SourceLocation.InFile(full)));
            return null;
        }

        if (PolicyFileJson.Parse(full, bytes, diagnostics) is not { } root)
        {
            return null;
        }

        var file = new PolicyFile(full) { ProfilesLocation = SourceLocation.InFile(full, 1, 1) };
        if (root.Kind != JsonValueKind.Object)
        {
            Invalid(diagnostics, root.Location, $"the file holds {root.KindName}; it must hold one JSON object");
            return file;
        }

        foreach (var (name, where, value) in Unique(root, TopLevelKeys, "the file", diagnostics))
        {
            switch (name)
            {
                case "defaultProfile":
                    file.DefaultProfile = String(value, name, diagnostics);
                    break;
                case "ciProfile":
                    file.CiProfile = String(value, name, diagnostics);
                    break;
                case "go":
                    file.Go = GoVariables(value, "go", diagnostics);
                    break;
                case "routes":
                    file.Routes = ReadRoutes(value, "routes", diagnostics);
                    break;
                case "profiles":
                    file.ProfilesLocation = where;
                    file.Profiles = ReadProfiles(value, diagnostics);
                    break;
            }
        }

        return file;
    }

    private static Dictionary<string, PolicyProfile> ReadProfiles(PolicyFileJson value, DiagnosticBag diagnostics)
    {
        var profiles = new Dictionary<string, PolicyProfile>(StringComparer.Ordinal);
        if (value.Kind != JsonValueKind.Object)
        {
            Invalid(diagnostics, value.Location, $"profiles is {value.KindName}; it must be an object of named profiles");
            return profiles;
        }

        foreach (var (name, where, profile) in Unique(value, null, "profiles", diagnostics))
        {
            if (profile.Kind != JsonValueKind.Object)
            {
                Invalid(diagnostics, profile.Location, $"profile '{name}' is {profile.KindName}; it must be an object with go and routes");
                continue;
            }

            IReadOnlyDictionary<string, PolicyFileValue> go = new Dictionary<string, PolicyFileValue>();
            IReadOnlyList<RouteSetting> routes = [];
            foreach (var (key, _, part) in Unique(profile, ProfileKeys, $"profile '{name}'", diagnostics))
            {
                if (key == "go")
                {
                    go = GoVariables(part, $"profiles.{name}.go", diagnostics);
                }
                else if (key == "routes")
                {
                    routes = ReadRoutes(part, $"profiles.{name}.routes", diagnostics);
                }
                else
                {
                    String(part, key, diagnostics);
                }
            }

            profiles[name] = new PolicyProfile(name, where, go, routes);
        }

        return profiles;
    }

    private static Dictionary<string, PolicyFileValue> GoVariables(PolicyFileJson value, string what, DiagnosticBag diagnostics)
    {
        var variables = new Dictionary<string, PolicyFileValue>(StringComparer.Ordinal);
        if (value.Kind != JsonValueKind.Object)
        {
            Invalid(diagnostics, value.Location, $"{what} is {value.KindName}; it must be an object of Go variables");
            return variables;
        }

        foreach (var (name, where, text) in Unique(value, null, what, diagnostics))
        {
            if (!PolicyVariables.IsPolicyVariable(name))
            {
                Invalid(diagnostics, where, $"{what} names '{name}', which is not a policy variable; use {string.Join(", ", PolicyVariables.All)}");
            }
            else if (String(text, what + "." + name, diagnostics) is { } set)
            {
                variables[name] = set;
            }
        }

        return variables;
    }

    private static List<RouteSetting> ReadRoutes(PolicyFileJson value, string what, DiagnosticBag diagnostics)
    {
        var routes = new List<RouteSetting>();
        if (value.Kind != JsonValueKind.Object)
        {
            Invalid(diagnostics, value.Location, $"{what} is {value.KindName}; it must be an object of pattern: proxy-list");
            return routes;
        }

        foreach (var (pattern, where, proxy) in Unique(value, null, what, diagnostics))
        {
            if (String(proxy, $"{what}[\"{pattern}\"]", diagnostics) is { } list)
            {
                routes.Add(new RouteSetting(pattern, list.Value.Trim(), where with { Description = $"route '{pattern}' in {where}" }));
            }
        }

        return routes;
    }

    private static PolicyFileValue? String(PolicyFileJson value, string what, DiagnosticBag diagnostics)
    {
        if (value.Kind == JsonValueKind.String)
        {
            return new PolicyFileValue(value.Text!, value.Location);
        }

        Invalid(diagnostics, value.Location, $"{what} is {value.KindName}; it must be a string");
        return null;
    }

    // The properties of an object, each key once (a repeated key is an error: JSON leaves its meaning open), and only
    // the allowed keys when there is a list of them.
    private static IEnumerable<(string Name, SourceLocation Where, PolicyFileJson Value)> Unique(PolicyFileJson value, string[]? allowed, string what, DiagnosticBag diagnostics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.Properties)
        {
            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Invalid(diagnostics, property.Where, $"{what} has the key '{property.Name}', which the schema does not know; allowed: {string.Join(", ", allowed)}");
            }
            else if (!seen.Add(property.Name))
            {
                Invalid(diagnostics, property.Where, $"{what} has the key '{property.Name}' twice");
            }
            else
            {
                yield return property;
            }
        }
    }

    private static void Invalid(DiagnosticBag diagnostics, SourceLocation where, string problem) =>
        diagnostics.Add(PolicyDiagnostics.InvalidPolicyFile.Create($"{where}: {problem}.", where));
}
