using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>One resolved Go variable with the values that were set for it but lost to it.</summary>
/// <param name="Effective">The value Go uses and where it came from.</param>
/// <param name="Overridden">Values set at lower levels of the precedence (an explicit setting beats the policy file's
/// profile, which beats the environment, which beats Go's env file), each with its place, in precedence order; empty
/// when nothing lost.</param>
public sealed record SettingExplanation(ResolvedSetting Effective, IReadOnlyList<ResolvedSetting> Overridden);

/// <summary>
/// Why each Go variable of a policy has its value: the winning level and the losers, the classic case being a
/// <c>go env -w</c> value that an environment variable (a PowerShell <c>$env:</c> in one window, a CI variable)
/// silently shadows.
/// </summary>
public static class PolicyExplanation
{
    /// <summary>Every variable of <paramref name="policy"/> (resolved against <paramref name="host"/> with the
    /// policy settings of <paramref name="options"/>) with the values it overrode.</summary>
    public static IReadOnlyList<SettingExplanation> Explain(GoMirrorPolicy policy, GoPolicyHost host, Engine.GoMirrorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Explain(policy, host, options.PolicySettings);
    }

    /// <summary>Every variable of <paramref name="policy"/> (resolved against <paramref name="host"/> with
    /// <paramref name="explicitSettings"/>) with the values it overrode.</summary>
    internal static IReadOnlyList<SettingExplanation> Explain(GoMirrorPolicy policy, GoPolicyHost host, IEnumerable<ExplicitSetting>? explicitSettings = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(host);
        var explicitByName = (explicitSettings ?? [])
            .Where(s => !string.IsNullOrEmpty(s.Value))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var envFile = GoEnvFile.Load(host);
        var explained = new List<SettingExplanation>();
        foreach (var effective in policy.Settings)
        {
            var candidates = new List<ResolvedSetting>();
            if (explicitByName.TryGetValue(effective.Name, out var set))
            {
                candidates.Add(new ResolvedSetting(effective.Name, set.Value!, set.Location, SettingSourceKind.Explicit));
            }

            if (policy.PolicyFileSettings.FirstOrDefault(s => s.Name == effective.Name && !string.IsNullOrEmpty(s.Value)) is { } fromFile)
            {
                candidates.Add(new ResolvedSetting(effective.Name, fromFile.Value!, fromFile.Location, SettingSourceKind.Profile));
            }

            if (host.Get(effective.Name) is { } value)
            {
                candidates.Add(new ResolvedSetting(effective.Name, value, new SourceLocation("environment variable " + effective.Name), SettingSourceKind.Environment));
            }

            if (envFile.Entries.TryGetValue(effective.Name, out var entry) && entry.Value.Length > 0)
            {
                candidates.Add(new ResolvedSetting(effective.Name, entry.Value, new SourceLocation($"{effective.Name} in Go env file", envFile.Path, entry.Line), SettingSourceKind.EnvFile));
            }

            explained.Add(new SettingExplanation(effective, [.. candidates.Where(c => c.Kind != effective.Kind)]));
        }

        return explained;
    }
}
