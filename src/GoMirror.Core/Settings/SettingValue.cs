using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Settings;

/// <summary>A value a host read for one setting, and where it was written (for diagnostics and the report).</summary>
/// <param name="Setting">The table row.</param>
/// <param name="Value">The value as written; null, empty or blank counts as unset.</param>
/// <param name="Location">Where it was set, for example <c>MSBuild property GoMirrorProxy</c>.</param>
public sealed record SettingValue(GoMirrorSetting Setting, string? Value, SourceLocation Location);
