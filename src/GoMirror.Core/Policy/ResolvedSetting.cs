using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>Where a resolved policy value came from, in order of precedence.</summary>
public enum SettingSourceKind
{
    /// <summary>Set by the build: an MSBuild property, a Cake setting, a policy file.</summary>
    Explicit,

    /// <summary>A non-empty process environment variable.</summary>
    Environment,

    /// <summary>A line of Go's env file (<c>go env -w</c>).</summary>
    EnvFile,

    /// <summary>Go's built-in default.</summary>
    Default,

    /// <summary>Computed from another setting: GONOPROXY/GONOSUMDB from GOPRIVATE, GOMODCACHE from GOPATH.</summary>
    Derived,

    /// <summary>The policy file (gomirror.json) and its selected profile: below <see cref="Explicit"/>, above
    /// <see cref="Environment"/> (declared last so the earlier values keep their numbers).</summary>
    Profile,
}

/// <summary>One resolved policy value and the place it came from.</summary>
/// <param name="Name">The Go variable, for example <c>GOPROXY</c>.</param>
/// <param name="Value">The value Go will use. May carry credentials (GOPROXY user-info): redact before printing.</param>
/// <param name="Location">Where it was set: the props file and line, the env file and line, the
/// environment variable, or "Go default".</param>
/// <param name="Kind">Which level of the precedence chain supplied it.</param>
public sealed record ResolvedSetting(string Name, string Value, SourceLocation Location, SettingSourceKind Kind)
{
    /// <summary>True when the value is empty (nothing set it, or it defaults to nothing).</summary>
    public bool IsEmpty => Value.Length == 0;
}

/// <summary>A value the build sets explicitly; it overrides the environment and Go's env file.</summary>
/// <param name="Name">The Go variable it sets, one of <see cref="PolicyVariables.All"/>.</param>
/// <param name="Value">The value; empty or null means "not set", as an empty MSBuild property does.</param>
/// <param name="Location">Where it was written, for example
/// <c>new SourceLocation("MSBuild property GoMirrorProxy", "/repo/Directory.Build.props", 12)</c>.</param>
internal sealed record ExplicitSetting(string Name, string? Value, SourceLocation Location);
