using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.GoMod;

/// <summary>The <c>module</c> directive.</summary>
/// <param name="Path">The module path, unquoted. Go does not check it while parsing; use <see cref="ModulePath.IsValid(string)"/>.</param>
/// <param name="Deprecated">The text after <c>Deprecated:</c> in the directive's comment, or empty.</param>
/// <param name="Location">Where the directive is.</param>
internal sealed record GoModModuleDirective(string Path, string Deprecated, SourceLocation Location);

/// <summary>The <c>go</c> directive.</summary>
/// <param name="Version">The Go language version, for example <c>1.19</c> or <c>1.21.0</c>.</param>
/// <param name="Location">Where the directive is.</param>
internal sealed record GoModGoDirective(string Version, SourceLocation Location);

/// <summary>The <c>toolchain</c> directive (Go 1.21+).</summary>
/// <param name="Name">The toolchain name, for example <c>go1.21.3</c> or <c>default</c>.</param>
/// <param name="Location">Where the directive is.</param>
internal sealed record GoModToolchainDirective(string Name, SourceLocation Location);

/// <summary>One <c>require</c>.</summary>
/// <param name="Module">The required module and its canonical version.</param>
/// <param name="Indirect">True when the line carries a <c>// indirect</c> comment.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModRequire(ModuleVersion Module, bool Indirect, SourceLocation Location);

/// <summary>One <c>exclude</c>.</summary>
/// <param name="Module">The excluded module version.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModExclude(ModuleVersion Module, SourceLocation Location);

/// <summary>One <c>replace</c>.</summary>
/// <param name="Old">The replaced module; an empty version means every version.</param>
/// <param name="New">The replacement: a module and version, or a directory path (<c>./x</c>, <c>../x</c>, <c>/x</c>) with an empty version.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModReplace(ModuleVersion Old, ModuleVersion New, SourceLocation Location)
{
    /// <summary>True when the replacement is a local directory rather than a module version (nothing to download).</summary>
    public bool IsDirectoryReplacement => New.Version.Length == 0;
}

/// <summary>One <c>retract</c>: a single version (<see cref="Low"/> = <see cref="High"/>) or a closed interval.</summary>
/// <param name="Low">The lowest retracted version, as written (Go does not canonicalize retractions while parsing).</param>
/// <param name="High">The highest retracted version, as written.</param>
/// <param name="Rationale">The comment explaining the retraction, comment markers removed, lines joined with <c>\n</c>.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModRetract(string Low, string High, string Rationale, SourceLocation Location);

/// <summary>One <c>godebug key=value</c> (Go 1.23+).</summary>
/// <param name="Key">The setting.</param>
/// <param name="Value">Its value.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModGodebug(string Key, string Value, SourceLocation Location);

/// <summary>A directive newer Go releases define that this model keeps without interpreting (<c>tool</c>, <c>ignore</c>).</summary>
/// <param name="Verb">The directive.</param>
/// <param name="Arguments">Its arguments, unquoted.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoModOtherDirective(string Verb, IReadOnlyList<string> Arguments, SourceLocation Location);

/// <summary>One go.work <c>use</c>: a workspace member's folder.</summary>
/// <param name="Directory">The folder as written, relative to the go.work file's folder unless rooted.</param>
/// <param name="Location">Where the line is.</param>
internal sealed record GoWorkUse(string Directory, SourceLocation Location);
