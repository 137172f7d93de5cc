using System.Text;
using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.GoMod;

/// <summary>
/// Reads go.mod as the go command does (golang.org/x/mod/modfile Parse and ParseLax with no version fixer, the
/// reading <c>go mod edit</c> uses): versions must be canonical or canonicalizable (<c>v1.2</c> becomes
/// <c>v1.2.0</c>), the first syntax error stops the parse, and every directive error is reported with its line.
/// Beyond Go 1.19 it also accepts the directives newer releases define (toolchain, godebug, tool, ignore) and
/// go versions such as <c>1.21.0</c> and <c>1.21rc1</c>.
/// </summary>
internal static partial class GoModParser
{
    private static readonly string[] BlockVerbs = ["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"];

    // modfile.ParseWork's block verbs.
    private static readonly string[] WorkBlockVerbs = ["godebug", "use", "replace"];

    /// <summary>Reads and parses a go.mod file. An unreadable file gives a GOMIRROR0120 diagnostic, not an exception.</summary>
    public static GoModParseResult ParseFile(string path, GoModParseMode mode = GoModParseMode.MainModule)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GoModParseResult(new GoModFile(path), [(mode == GoModParseMode.Workspace ? GoModDiagnostics.GoWorkSyntaxError : GoModDiagnostics.GoModSyntaxError).Create(
                $"cannot read {path}: {e.Message}", SourceLocation.InFile(path), $"Check that {Path.GetFileName(path)} exists and is readable.")]);
        }

        return Parse(path, bytes, mode);
    }

    /// <summary>Parses the bytes of a go.mod. <paramref name="fileName"/> names the file in locations.</summary>
    public static GoModParseResult Parse(string fileName, ReadOnlySpan<byte> content, GoModParseMode mode = GoModParseMode.MainModule) =>
        // Decoded without the byte order mark detection of File.ReadAllText: Go reads the bytes as they are.
        Parse(fileName, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(content), mode);

    /// <summary>Parses go.mod text. <paramref name="fileName"/> names the file in locations.</summary>
    public static GoModParseResult Parse(string fileName, string content, GoModParseMode mode = GoModParseMode.MainModule)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var file = new GoModFile(fileName);
        var diagnostics = new List<Diagnostic>();
        var workspace = mode == GoModParseMode.Workspace;
        if (content.StartsWith('\uFEFF'))
        {
            // Windows editors write a byte order mark; Go's lexer stops at it, so fail before anything is downloaded.
            diagnostics.Add(GoModDiagnostics.GoModByteOrderMark.Create(
                $"{fileName}:1: the file starts with a UTF-8 byte order mark (Go: \"{fileName}:1: unexpected input character '\\ufeff'\")",
                SourceLocation.InFile(fileName, 1, 1)));
            return new GoModParseResult(file, diagnostics);
        }

        IReadOnlyList<GoModStatement> statements;
        try
        {
            statements = GoModSyntaxReader.Read(content);
        }
        catch (GoModSyntaxException e)
        {
            diagnostics.Add((workspace ? GoModDiagnostics.GoWorkSyntaxError : GoModDiagnostics.GoModSyntaxError).Create(
                $"{fileName}:{e.Position.Line}: {e.Message}", SourceLocation.InFile(fileName, e.Position.Line, e.Position.Column)));
            return new GoModParseResult(file, diagnostics);
        }

        var reader = new DirectiveReader(file, mode, diagnostics);
        var blockVerbs = workspace ? WorkBlockVerbs : BlockVerbs;
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case GoModLine line:
                    reader.Add(null, line, line.Tokens[0], line.Tokens.Skip(1).ToList());
                    break;
                case GoModBlock block when block.Tokens.Count == 1 && Array.IndexOf(blockVerbs, block.Tokens[0]) >= 0:
                    foreach (var inner in block.Lines)
                    {
                        reader.Add(block, inner, block.Tokens[0], inner.Tokens);
                    }

                    break;
                case GoModBlock block when reader.Strict:
                    diagnostics.Add((workspace ? GoModDiagnostics.GoWorkMalformed : GoModDiagnostics.GoModUnknownDirective).Create(
                        $"{fileName}:{block.Start.Line}: unknown block type: {string.Join(' ', block.Tokens)}",
                        SourceLocation.InFile(fileName, block.Start.Line, block.Start.Column)));
                    break;
            }
        }

        return new GoModParseResult(file, diagnostics);
    }

    [GeneratedRegex(@"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex GoVersion();

    [GeneratedRegex(@"^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LaxGoVersion();

    // Go 1.23's ToolchainRE.
    [GeneratedRegex(@"^default\z|^go1(\z|\.)", RegexOptions.CultureInvariant)]
    private static partial Regex Toolchain();

    [GeneratedRegex(@"(?:^|\n\n)Deprecated: *(.*?)(?:\z|\n\n)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Deprecation();

    private sealed class DirectiveReader(GoModFile file, GoModParseMode mode, List<Diagnostic> diagnostics)
    {
        public bool Strict { get; } = mode != GoModParseMode.Dependency;

        private bool Workspace => mode == GoModParseMode.Workspace;

        public void Add(GoModBlock? block, GoModLine line, string verb, IReadOnlyList<string> args)
        {
            if (!Strict && verb is not ("go" or "module" or "retract" or "require"))
            {
                return;
            }

            var location = SourceLocation.InFile(file.FileName, line.Start.Line, line.Start.Column);
            if (Workspace)
            {
                AddWorkDirective(verb, args, location);
                return;
            }

            switch (verb)
            {
                case "go":
                    AddGo(args, location);
                    break;
                case "toolchain":
                    AddToolchain(args, location);
                    break;
                case "module":
                    AddModule(block, line, args, location);
                    break;
                case "require" or "exclude":
                    AddRequireOrExclude(line, verb, args, location);
                    break;
                case "replace":
                    AddReplace(args, location);
                    break;
                case "retract":
                    AddRetract(block, line, args, location);
                    break;
                case "godebug":
                    AddGodebug(args, location);
                    break;
                case "tool" or "ignore":
                    AddOther(verb, args, location);
                    break;
                default:
                    Report(GoModDiagnostics.GoModUnknownDirective, location, $"unknown directive: {verb}");
                    break;
            }
        }

        // modfile's WorkFile.add: go, toolchain and godebug as in go.mod, use, and replace as in go.mod.
        private void AddWorkDirective(string verb, IReadOnlyList<string> args, SourceLocation location)
        {
            switch (verb)
            {
                case "go":
                    AddGo(args, location);
                    break;
                case "toolchain":
                    AddToolchain(args, location);
                    break;
                case "godebug":
                    AddGodebug(args, location);
                    break;
                case "replace":
                    AddReplace(args, location);
                    break;
                case "use":
                    if (args.Count != 1)
                    {
                        Malformed(location, "usage: use local/dir");
                    }
                    else if (TryString(args[0], location, out var directory))
                    {
                        file.UseList.Add(new GoWorkUse(directory, location));
                    }

                    break;
                default:
                    Malformed(location, $"unknown directive: {verb}");
                    break;
            }
        }

        private void AddGo(IReadOnlyList<string> args, SourceLocation location)
        {
            if (file.Go is not null)
            {
                Malformed(location, "repeated go statement");
                return;
            }

            if (args.Count != 1)
            {
                Malformed(location, "go directive expects exactly one argument");
                return;
            }

            var version = args[0];
            if (!GoVersion().IsMatch(version))
            {
                var lax = Strict ? null : LaxGoVersion().Match(version);
                if (lax is not { Success: true })
                {
                    Malformed(location, $"invalid go version '{version}': must match format 1.23");
                    return;
                }

                version = lax.Groups[1].Value;
            }

            file.Go = new GoModGoDirective(version, location);
        }

        private void AddToolchain(IReadOnlyList<string> args, SourceLocation location)
        {
            if (file.Toolchain is not null)
            {
                Malformed(location, "repeated toolchain statement");
            }
            else if (args.Count != 1)
            {
                Malformed(location, "toolchain directive expects exactly one argument");
            }
            else if (!Toolchain().IsMatch(args[0]))
            {
                Malformed(location, $"invalid toolchain version '{args[0]}': must match format go1.23.0 or default");
            }
            else
            {
                file.Toolchain = new GoModToolchainDirective(args[0], location);
            }
        }

        private void AddModule(GoModBlock? block, GoModLine line, IReadOnlyList<string> args, SourceLocation location)
        {
            if (file.Module is not null)
            {
                Malformed(location, "repeated module statement");
                return;
            }

            var match = Deprecation().Match(DirectiveComment(block, line));
            var deprecated = match.Success ? match.Groups[1].Value : string.Empty;
            file.Module = new GoModModuleDirective(string.Empty, deprecated, location);
            if (args.Count != 1)
            {
                Malformed(location, "usage: module module/path");
                return;
            }

            if (TryString(args[0], location, out var path))
            {
                file.Module = file.Module with { Path = path };
            }
        }

        private void AddRequireOrExclude(GoModLine line, string verb, IReadOnlyList<string> args, SourceLocation location)
        {
            if (args.Count != 2)
            {
                Malformed(location, $"usage: {verb} module/path v1.2.3");
                return;
            }

            if (!TryString(args[0], location, out var path)
                || !TryVersion(verb, path, args[1], location, out var version)
                || !TryPathMajor(path, location, out var pathMajor)
                || !FitsPathMajor(verb, path, version, pathMajor, location))
            {
                return;
            }

            var module = new ModuleVersion(path, version);
            if (verb == "require")
            {
                file.RequireList.Add(new GoModRequire(module, IsIndirect(line), location));
            }
            else
            {
                file.ExcludeList.Add(new GoModExclude(module, location));
            }
        }

        private void AddReplace(IReadOnlyList<string> args, SourceLocation location)
        {
            var arrow = args.Count >= 2 && args[1] == "=>" ? 1 : 2;
            if (args.Count < arrow + 2 || args.Count > arrow + 3 || args[arrow] != "=>")
            {
                Malformed(location, "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory");
                return;
            }

            if (!TryString(args[0], location, out var oldPath) || !TryPathMajor(oldPath, location, out var pathMajor))
            {
                return;
            }

            var oldVersion = string.Empty;
            if (arrow == 2 && (!TryVersion("replace", oldPath, args[1], location, out oldVersion)
                || !FitsPathMajor("replace", oldPath, oldVersion, pathMajor, location)))
            {
                return;
            }

            if (!TryString(args[arrow + 1], location, out var newPath))
            {
                return;
            }

            var newVersion = string.Empty;
            if (args.Count == arrow + 2)
            {
                if (!IsDirectoryPath(newPath))
                {
                    Malformed(location, newPath.Contains('@', StringComparison.Ordinal)
                        ? "replacement module must match format 'path version', not 'path@version'"
                        : "replacement module without version must be directory path (rooted or starting with . or ..)");
                    return;
                }

                if (Path.DirectorySeparatorChar == '/' && newPath.Contains('\\', StringComparison.Ordinal))
                {
                    Malformed(location, "replacement directory appears to be Windows path (on a non-windows system)");
                    return;
                }
            }
            else
            {
                if (!TryVersion("replace", newPath, args[arrow + 2], location, out newVersion))
                {
                    return;
                }

                if (IsDirectoryPath(newPath))
                {
                    Malformed(location, $"replacement module directory path \"{newPath}\" cannot have version");
                    return;
                }
            }

            file.ReplaceList.Add(new GoModReplace(new ModuleVersion(oldPath, oldVersion), new ModuleVersion(newPath, newVersion), location));
        }

        private void AddRetract(GoModBlock? block, GoModLine line, IReadOnlyList<string> args, SourceLocation location)
        {
            var rationale = DirectiveComment(block, line);
            if (!TryInterval(args, location, out var low, out var high, out var rest))
            {
                return;
            }

            if (rest < args.Count)
            {
                if (Strict)
                {
                    Malformed(location, $"unexpected token after version: \"{args[rest]}\"");
                    return;
                }
            }

            file.RetractList.Add(new GoModRetract(low, high, rationale, location));
        }

        private void AddGodebug(IReadOnlyList<string> args, SourceLocation location)
        {
            var eq = args.Count == 1 ? args[0].IndexOf('=', StringComparison.Ordinal) : -1;
            if (eq < 0 || args[0].AsSpan().IndexOfAny("\"`',") >= 0)
            {
                Malformed(location, "usage: godebug key=value");
                return;
            }

            file.GodebugList.Add(new GoModGodebug(args[0][..eq], args[0][(eq + 1)..], location));
        }

        private void AddOther(string verb, IReadOnlyList<string> args, SourceLocation location)
        {
            if (args.Count != 1)
            {
                Malformed(location, $"{verb} directive expects exactly one argument");
                return;
            }

            if (TryString(args[0], location, out var value))
            {
                file.OtherList.Add(new GoModOtherDirective(verb, [value], location));
            }
        }

        // Go's parseVersionInterval with the no-op fixer it uses for retract: versions are kept as written.
        private bool TryInterval(IReadOnlyList<string> args, SourceLocation location, out string low, out string high, out int next)
        {
            low = high = string.Empty;
            next = 0;
            if (args.Count == 0 || args[0] == "(")
            {
                return IntervalError(location, "expected '[' or version");
            }

            if (args[0] != "[")
            {
                if (!TryRetractVersion(args[0], location, out low))
                {
                    return false;
                }

                high = low;
                next = 1;
                return true;
            }

            if (args.Count < 2)
            {
                return IntervalError(location, "expected version after '['");
            }

            if (!TryRetractVersion(args[1], location, out low))
            {
                return false;
            }

            if (args.Count < 3 || args[2] != ",")
            {
                return IntervalError(location, "expected ',' after version");
            }

            if (args.Count < 4)
            {
                return IntervalError(location, "expected version after ','");
            }

            if (!TryRetractVersion(args[3], location, out high))
            {
                return false;
            }

            if (args.Count < 5 || args[4] != "]")
            {
                return IntervalError(location, "expected ']' after version");
            }

            next = 5;
            return true;
        }

        private bool IntervalError(SourceLocation location, string message)
        {
            if (Strict)
            {
                Malformed(location, message);
            }

            return false;
        }

        private bool TryRetractVersion(string token, SourceLocation location, out string version)
        {
            if (TryUnquoteToken(token, out version, out var problem))
            {
                return true;
            }

            if (Strict)
            {
                Report(ModuleDiagnostics.InvalidVersion, location, $"retract: version \"{token}\" invalid: {problem}");
            }

            return false;
        }

        private bool TryVersion(string verb, string path, string token, SourceLocation location, out string version)
        {
            version = string.Empty;
            if (!TryUnquoteToken(token, out var text, out var problem))
            {
                Report(ModuleDiagnostics.InvalidVersion, location, $"{verb} {path}: version \"{token}\" invalid: {problem}");
                return false;
            }

            if (!Semver.TryCanonicalModuleVersion(text, out version))
            {
                Report(ModuleDiagnostics.InvalidVersion, location, $"{verb} {path}: version \"{text}\" invalid: must be of the form v1.2.3");
                return false;
            }

            return true;
        }

        private bool TryPathMajor(string path, SourceLocation location, out string pathMajor)
        {
            if (ModulePath.TrySplitPathVersion(path, out _, out pathMajor))
            {
                return true;
            }

            Report(ModuleDiagnostics.InvalidModulePath, location, $"{path}: invalid module path");
            return false;
        }

        private bool FitsPathMajor(string verb, string path, string version, string pathMajor, SourceLocation location)
        {
            if (ModulePath.MatchesPathMajor(version, pathMajor, out var problem))
            {
                return true;
            }

            Report(ModuleDiagnostics.MajorVersionMismatch, location, $"{verb} {path}: version \"{version}\" invalid: {problem}");
            return false;
        }

        private bool TryString(string token, SourceLocation location, out string value)
        {
            if (TryUnquoteToken(token, out value, out var problem))
            {
                return true;
            }

            Malformed(location, "invalid quoted string: " + problem);
            return false;
        }

        private void Malformed(SourceLocation location, string message) =>
            Report(GoModDiagnostics.GoModMalformedDirective, location, message);

        // In go.work every directive problem is one code, so a user searching for it finds the go.work page.
        private void Report(DiagnosticDescriptor descriptor, SourceLocation location, string message) =>
            diagnostics.Add((Workspace ? GoModDiagnostics.GoWorkMalformed : descriptor).Create($"{file.FileName}:{location.Line}: {message}", location));
    }

    // Go's parseString: a "…" token is unquoted; any other token must not contain a quote character, so
    // `…` strings, which the lexer reads as one token, are rejected here exactly as Go rejects them.
    private static bool TryUnquoteToken(string token, out string value, out string problem)
    {
        problem = string.Empty;
        if (token.StartsWith('"'))
        {
            if (GoStringLiteral.TryUnquote(token, out value))
            {
                return true;
            }

            problem = "invalid syntax";
            return false;
        }

        value = token;
        if (token.AsSpan().IndexOfAny("\"'`") >= 0)
        {
            problem = "unquoted string cannot contain quote";
            value = string.Empty;
            return false;
        }

        return true;
    }

    private static bool IsIndirect(GoModLine line)
    {
        if (line.Suffix is null)
        {
            return false;
        }

        var fields = line.Suffix[2..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return (fields.Length == 1 && fields[0] == "indirect") || (fields.Length > 1 && fields[0] == "indirect;");
    }

    // Go 1.23's modfile.IsDirectoryPath: "." and ".." are directories too (Go 1.19 required "./" or "../").
    private static bool IsDirectoryPath(string path) =>
        path is "." or ".." || path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith('/')
        || path.StartsWith(".\\", StringComparison.Ordinal) || path.StartsWith("..\\", StringComparison.Ordinal) || path.StartsWith('\\')
        || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');

    // Go's parseDirectiveComment: the comments above and after the line, or the block's when the line has none.
    private static string DirectiveComment(GoModBlock? block, GoModLine line)
    {
        IEnumerable<string> comments = line.Suffix is null ? line.Before : [.. line.Before, line.Suffix];
        if (block is not null && line.Before.Count == 0 && line.Suffix is null)
        {
            comments = block.Before;
        }

        return string.Join('\n', comments
            .Where(c => c.StartsWith("//", StringComparison.Ordinal))
            .Select(c => c[2..].Trim()));
    }
}
