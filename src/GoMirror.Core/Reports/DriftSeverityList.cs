using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Security;

namespace GoMirror.Core.Reports;

/// <summary>
/// Parses <see cref="GoMirrorOptions.DriftSeverity"/>: <c>Kind=severity</c> entries separated by <c>;</c>,
/// <c>,</c> or line breaks, for example <c>VersionChanged=error;HashChanged=warning</c>. A kind is a
/// <see cref="DriftKind"/> name or its code (<c>GOMIRROR0703</c>), a severity <c>error</c>, <c>warning</c> or
/// <c>info</c>, both in any case. A later entry for the same kind wins, so a project can append to a list an
/// organisation's props set. Kinds not listed keep their default severity.
/// </summary>
internal static class DriftSeverityList
{
    private static readonly Dictionary<string, DiagnosticSeverity> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = DiagnosticSeverity.Error,
        ["warning"] = DiagnosticSeverity.Warning,
        ["info"] = DiagnosticSeverity.Info,
    };

    // Words people use to switch a check off. Drift is never dropped (the report records it either way), so
    // these get their own explanation instead of the generic "unknown severity".
    private static readonly HashSet<string> Silencing = new(StringComparer.OrdinalIgnoreCase) { "none", "ignore", "off", "hidden", "suppress", "silent" };

    /// <summary>The options <paramref name="text"/> asks for; null or blank gives the defaults. Each malformed
    /// entry adds <see cref="EngineDiagnostics.InvalidDriftSeverity"/> and is skipped.</summary>
    public static DriftOptions Parse(string? text, SourceLocation source, DiagnosticBag diagnostics)
    {
        var severities = new Dictionary<DriftKind, DiagnosticSeverity>();
        foreach (var entry in (text ?? string.Empty).Split([';', ',', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                Report(entry, "it has no '='; write Kind=severity, for example VersionChanged=error", source, diagnostics);
                continue;
            }

            var kindText = entry[..equals].Trim();
            var severityText = entry[(equals + 1)..].Trim();
            if (FindKind(kindText) is not { } kind)
            {
                Report(entry, $"'{kindText}' is not a kind of drift; known: {string.Join(", ", Enum.GetNames<DriftKind>())}, or their codes {DriftAnalyzer.DescriptorOf(DriftKind.ModuleAdded).Code}-{DriftAnalyzer.DescriptorOf(DriftKind.GoVersionChanged).Code}", source, diagnostics);
            }
            else if (Severities.TryGetValue(severityText, out var severity))
            {
                severities[kind] = severity;
            }
            else if (Silencing.Contains(severityText))
            {
                Report(entry, "drift cannot be switched off: the report records every difference; 'info' is the lowest severity and never fails a build", source, diagnostics);
            }
            else
            {
                Report(entry, $"'{severityText}' is not a severity; use error, warning or info", source, diagnostics);
            }
        }

        return new DriftOptions { Severities = severities };
    }

    /// <summary>One severity word (<c>error</c>, <c>warning</c>, <c>info</c>, any case) for the setting
    /// <paramref name="setting"/>; null or blank is null. Anything else adds <paramref name="invalid"/> and is null.</summary>
    internal static DiagnosticSeverity? ParseOne(string? text, string setting, DiagnosticDescriptor invalid, SourceLocation source, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var word = text.Trim();
        if (Severities.TryGetValue(word, out var severity))
        {
            return severity;
        }

        var why = Silencing.Contains(word)
            ? "it cannot be switched off: the report records it either way; 'info' is the lowest severity and never fails a build"
            : "use error, warning or info";
        diagnostics.Add(invalid.Create(CredentialRedactor.RedactText($"{setting} is '{word}': {why}."), source));
        return null;
    }

    /// <summary>Every kind with the severity <paramref name="options"/> gives it, in one line: equal for lists
    /// that mean the same, so only a real change makes the report run again.</summary>
    public static string Describe(DriftOptions options)
    {
        // The non-generic Enum.GetValues: every step's input stamp calls this, and the generic one is compiled at
        // first use in each fresh process (finding 13).
        var kinds = (DriftKind[])Enum.GetValues(typeof(DriftKind));
        var parts = new string[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            parts[i] = kinds[i] + "=" + options.SeverityOf(kinds[i]);
        }

        return string.Join(";", parts);
    }

    private static DriftKind? FindKind(string text)
    {
        foreach (var kind in Enum.GetValues<DriftKind>())
        {
            if (string.Equals(text, kind.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, DriftAnalyzer.DescriptorOf(kind).Code, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    private static void Report(string entry, string why, SourceLocation source, DiagnosticBag diagnostics) =>
        diagnostics.Add(EngineDiagnostics.InvalidDriftSeverity.Create(
            CredentialRedactor.RedactText($"DriftSeverity entry '{entry}': {why}."),
            source));
}
