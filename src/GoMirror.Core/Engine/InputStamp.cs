using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Engine;

/// <summary>
/// A hash of every input the steps' results depend on: each component's go.mod and go.sum bytes, the resolved
/// policy values (the module cache location among them), the go executable's path, size and modification time,
/// the report settings, and the engine build. Each input is hashed on its own (<see cref="Parts"/>), so the next
/// run can say what changed; values that may carry credentials are only ever stored as hashes. Every step of every
/// build computes it, often in a fresh process, so it keeps to collections of reference types (SortedList, not
/// SortedDictionary; no LINQ over pairs), whose generic code ships precompiled (docs/performance.md, finding 13).
/// </summary>
internal sealed class InputStamp
{
    private InputStamp(SortedList<string, string> parts)
    {
        Parts = parts;
        var lines = new string[parts.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = parts.Keys[i] + "=" + parts.Values[i];
        }

        Value = Hash(string.Join("\n", lines));
    }

    /// <summary>The hash over all parts.</summary>
    public string Value { get; }

    /// <summary>One hash per input, by a name a person understands ("go.sum of tools/agent").</summary>
    public SortedList<string, string> Parts { get; }

    public static InputStamp Compute(
        GoMirrorPolicy policy,
        IReadOnlyList<GoComponent> components,
        string repositoryRoot,
        string? goExecutable,
        string reportSettings,
        string? baselineReport,
        IReadOnlyList<ToolchainChoice>? toolchains = null)
    {
        var parts = new SortedList<string, string>(StringComparer.Ordinal)
        {
            ["the GoMirror engine"] = Hash(EngineBuild),
            ["the go executable"] = Hash(ExecutableStamp(goExecutable)),
            ["the report settings"] = Hash(reportSettings + "\n" + FileHash(baselineReport)),
        };
        foreach (var setting in policy.Settings)
        {
            parts[setting.Name] = Hash(setting.Value);
        }

        if (policy.RouteTable.Routes.Count > 0)
        {
            parts["the routes"] = Hash(string.Join("\n", policy.RouteTable.Routes.Select(r => r.Pattern + "=" + r.Proxy)));
        }

        foreach (var component in components)
        {
            if (!component.IsWorkspace)
            {
                var name = Label(component, repositoryRoot);
                parts["go.mod of " + name] = FileHash(component.GoModPath);
                parts["go.sum of " + name] = FileHash(component.GoSumPath);
                continue;
            }

            // A workspace: go.work, go.work.sum and each member's go.mod and go.sum, named by their own folders.
            foreach (var file in component.InputFiles)
            {
                var folder = Path.GetRelativePath(repositoryRoot, Path.GetDirectoryName(file)!).Replace('\\', '/');
                parts[Path.GetFileName(file) + " of " + (folder == "." ? "the repository root" : folder)] = FileHash(file);
            }
        }

        // The toolchain each component runs: a switch to another version, or another goX.Y.Z on PATH, re-runs the steps.
        for (var i = 0; i < Math.Min(components.Count, toolchains?.Count ?? 0); i++)
        {
            var (component, choice) = (components[i], toolchains![i]);
            parts["the toolchain of " + Label(component, repositoryRoot)] = Hash($"{choice.KindName} {choice.Toolchain} {(choice.Executable is null ? string.Empty : ExecutableStamp(choice.Executable))}");
        }

        return new InputStamp(parts);
    }

    /// <summary>A component's folder relative to the repository root, with forward slashes, as logs name it.</summary>
    public static string Label(GoComponent component, string repositoryRoot)
    {
        var relative = Path.GetRelativePath(repositoryRoot, component.Directory).Replace('\\', '/');
        return relative == "." ? "the repository root" : relative;
    }

    public StampState ToState() => new(Value, new Dictionary<string, string>(Parts, StringComparer.Ordinal));

    /// <summary>What differs from <paramref name="previous"/>, in words ("go.sum of tools/agent changed").</summary>
    public IReadOnlyList<string> ChangesSince(StampState previous)
    {
        var changes = new List<string>();
        for (var i = 0; i < Parts.Count; i++)
        {
            var (name, hash) = (Parts.Keys[i], Parts.Values[i]);
            if (!previous.Parts.TryGetValue(name, out var before))
            {
                changes.Add(name + " is new");
            }
            else if (before != hash)
            {
                changes.Add(name + " changed");
            }
        }

        changes.AddRange(previous.Parts.Keys.Where(k => !Parts.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => k + " is gone"));
        return changes;
    }

    private static string EngineBuild
    {
        get
        {
            var assembly = typeof(InputStamp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString();
            return version + " " + assembly.ManifestModule.ModuleVersionId.ToString("N");
        }
    }

    private static string ExecutableStamp(string? executable)
    {
        if (executable is null || !File.Exists(executable))
        {
            return "not found: " + executable;
        }

        var info = new FileInfo(executable);
        return string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
    }

    private static string FileHash(string? path)
    {
        if (path is null)
        {
            return "none";
        }

        try
        {
            return File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "missing";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: a value that never matches a stored hash, so the steps run and report the problem.
            return "unreadable " + Guid.NewGuid().ToString("N");
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
