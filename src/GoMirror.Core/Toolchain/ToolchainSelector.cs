using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// Predicts the toolchain the go command runs, as Go 1.21+ decides it before running any command
/// (cmd/go/internal/toolchain/select.go <c>Select</c> and <c>Exec</c>, read in Go 1.21.13 and 1.23.5): GOTOOLCHAIN
/// gives a minimum and a mode; in auto and path mode a newer <c>toolchain</c> line and then a newer still
/// <c>go</c> line (with <c>.0</c> appended from 1.21 on) raise it; a toolchain other than the Go found is looked
/// for on PATH, then (unless path mode) downloaded as <c>golang.org/toolchain@v0.0.1-goX.Y.Z.GOOS-GOARCH</c>.
/// Also reports, before anything runs, what makes the go command stop there (<see cref="ToolchainChoice.Fails"/>).
/// </summary>
internal static class ToolchainSelector
{
    /// <summary>The platforms Go publishes toolchain modules for (every port with a binary release, Go 1.21+).</summary>
    private static readonly HashSet<string> PublishedPlatforms = new(StringComparer.Ordinal)
    {
        "aix-ppc64", "darwin-amd64", "darwin-arm64", "dragonfly-amd64", "freebsd-386", "freebsd-amd64", "freebsd-arm",
        "freebsd-arm64", "freebsd-riscv64", "illumos-amd64", "linux-386", "linux-amd64", "linux-arm", "linux-arm64",
        "linux-loong64", "linux-mips", "linux-mips64", "linux-mips64le", "linux-mipsle", "linux-ppc64", "linux-ppc64le",
        "linux-riscv64", "linux-s390x", "netbsd-386", "netbsd-amd64", "netbsd-arm", "netbsd-arm64", "openbsd-386",
        "openbsd-amd64", "openbsd-arm", "openbsd-arm64", "openbsd-ppc64", "openbsd-riscv64", "plan9-386", "plan9-amd64",
        "plan9-arm", "solaris-amd64", "windows-386", "windows-amd64", "windows-arm", "windows-arm64",
    };

    /// <summary>
    /// The toolchain the go command runs for <paramref name="component"/> when started by the engine with
    /// <paramref name="goEnvironment"/> (the variables the engine gives <c>go mod download</c>, before the start-up
    /// variables are added), with <paramref name="foundGo"/> as the executable.
    /// </summary>
    /// <param name="component">The component: the go command runs in its folder.</param>
    /// <param name="policy">The resolved policy: where GOTOOLCHAIN was set.</param>
    /// <param name="foundGo">The Go found (its <c>go version</c>).</param>
    /// <param name="goEnvironment">The go process's variables (GOTOOLCHAIN, GOWORK, PATH...); PATH, when missing here,
    /// is this process's, as <see cref="GoProcessEnvironment.Build"/> passes it on.</param>
    public static ToolchainChoice Select(GoComponent component, GoMirrorPolicy policy, GoToolchainInfo foundGo, IReadOnlyDictionary<string, string> goEnvironment)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(foundGo);
        ArgumentNullException.ThrowIfNull(goEnvironment);
        // The go process gets only these variables and the start-up ones (GoProcessEnvironment): PATH from this process when not given.
        string? Variable(string name) => goEnvironment.TryGetValue(name, out var value) ? value : name == "PATH" ? Environment.GetEnvironmentVariable(name) : null;
        var goRoot = GoRootFinder.OfExecutable(foundGo.Executable);
        var (goToolchain, location) = ResolveGoToolchain(policy, Variable("GOTOOLCHAIN"), goRoot);
        return Select(new ToolchainSelectionRequest
        {
            GoToolchain = goToolchain,
            GoToolchainLocation = location,
            LocalToolchain = foundGo.Version.Text,
            GoOs = foundGo.GoOs,
            GoArch = foundGo.GoArch,
            WorkingDirectory = component.Directory,
            GoWork = Variable("GOWORK"),
            GoRoot = goRoot,
            TempDirectory = Path.GetTempPath(),
            SearchPath = Variable("PATH"),
            PathExt = Variable("PATHEXT"),
            OtherGoModFiles = component.IsWorkspace ? [.. component.Modules.Select(m => m.GoModPath)] : [],
        });
    }

    /// <summary>The toolchain the go command runs for <paramref name="request"/>.</summary>
    public static ToolchainChoice Select(ToolchainSelectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var localToolchain = request.LocalToolchain;
        var localVersion = LocalVersion(localToolchain);
        var local = new ToolchainChoice
        {
            Kind = ToolchainChoiceKind.Local,
            Toolchain = localToolchain,
            Version = localVersion,
            FoundToolchain = localToolchain,
            Reason = "nothing asks for a newer toolchain",
        };

        if (IsBeforeSwitching(localVersion))
        {
            return local with { Reason = $"go {localVersion} predates toolchain switching (Go 1.21): GOTOOLCHAIN and toolchain lines have no effect" };
        }

        var gotoolchain = request.GoToolchain;
        if (gotoolchain.Length == 0)
        {
            return local with { Reason = "GOTOOLCHAIN is empty (no line in $GOROOT/go.env): the go command selects nothing" };
        }

        var setting = GoToolchainSetting.Parse(gotoolchain, out var error);
        if (setting is null)
        {
            return Stop(local, ToolchainSelectionDiagnostics.MalformedGoToolchain.Create($"{error} ({request.GoToolchainLocation.Description}): the go command stops before doing anything.", request.GoToolchainLocation));
        }

        var diagnostics = new List<Diagnostic>();
        var lines = ReadLines(request, diagnostics);
        if (lines is null)
        {
            return local with { Diagnostics = diagnostics };
        }

        var chosen = setting.Minimum ?? localToolchain;
        var minVersion = setting.Minimum is null ? localVersion : GoVersionOrder.FromToolchain(setting.Minimum);
        var reason = setting.Minimum is null ? $"GOTOOLCHAIN={gotoolchain}" : $"GOTOOLCHAIN={gotoolchain} sets the minimum {setting.Minimum}";
        SourceLocation? decidedBy = setting.Minimum is null ? null : request.GoToolchainLocation;
        if (setting.Mode != GoToolchainMode.Fixed && lines.Toolchain != "default")
        {
            if (lines.Toolchain.Length > 0)
            {
                var toolVersion = GoVersionOrder.FromToolchain(lines.Toolchain);
                if (toolVersion.Length == 0 || (!lines.Toolchain.StartsWith("go", StringComparison.Ordinal) && !lines.Toolchain.Contains("-go", StringComparison.Ordinal)))
                {
                    diagnostics.Add(ToolchainSelectionDiagnostics.InvalidToolchainLine.Create(
                        $"invalid toolchain {GoUnicode.Quote(lines.Toolchain)} in {lines.File}: the go command stops before doing anything.", lines.ToolchainLine));
                    return local with { Diagnostics = diagnostics };
                }

                // Go 1.21 takes a toolchain line equal to the minimum too; from 1.22 only a newer one (the same
                // choice unless the minimum carries a suffix such as go1.21.1-custom).
                var compared = GoVersionOrder.Compare(toolVersion, minVersion);
                if (compared > 0 || (compared == 0 && GoVersionOrder.Lang(localVersion) == "1.21"))
                {
                    chosen = lines.Toolchain;
                    minVersion = toolVersion;
                    reason = $"toolchain {lines.Toolchain} in {Path.GetFileName(lines.File)} is newer than {(setting.Minimum ?? localToolchain)}";
                    decidedBy = lines.ToolchainLine;
                }
            }

            if (GoVersionOrder.Compare(lines.Go, minVersion) > 0)
            {
                var before = chosen;
                chosen = "go" + lines.Go;
                if (GoVersionOrder.IsLang(lines.Go) && GoVersionOrder.Compare(lines.Go, "1.21") >= 0)
                {
                    chosen += ".0"; // golang/go#62278: the first release of 1.22 is 1.22.0; there is no toolchain go1.22.
                }

                reason = $"go {lines.Go} in {Path.GetFileName(lines.File)} needs a newer Go than {before}";
                decidedBy = lines.GoLine;
            }
        }

        CheckLanguageVersionGoLine(lines, diagnostics);
        ToolchainChoice choice;
        if (chosen == "local" || chosen == localToolchain)
        {
            choice = local with { Reason = setting.Minimum is null && decidedBy is null ? $"GOTOOLCHAIN={gotoolchain}: {local.Reason}" : reason, DecidedBy = decidedBy };
        }
        else if (!chosen.StartsWith("go1", StringComparison.Ordinal) && !chosen.Contains("-go1", StringComparison.Ordinal))
        {
            return Stop(local with { Diagnostics = diagnostics }, ToolchainSelectionDiagnostics.MalformedGoToolchain.Create(
                $"invalid GOTOOLCHAIN {GoUnicode.Quote(chosen)} ({reason}): the go command stops before doing anything.", decidedBy ?? request.GoToolchainLocation));
        }
        else
        {
            choice = Exec(request, setting, chosen, reason, decidedBy, local, diagnostics);
        }

        CheckGoLines(request, lines, choice, gotoolchain, diagnostics);
        return choice with { Diagnostics = diagnostics };
    }

    // select.go Exec: PATH first (any mode), then, unless path mode, the toolchain module.
    private static ToolchainChoice Exec(ToolchainSelectionRequest request, GoToolchainSetting setting, string chosen, string reason, SourceLocation? decidedBy, ToolchainChoice local, List<Diagnostic> diagnostics)
    {
        var version = GoVersionOrder.FromToolchain(chosen);
        var choice = local with { Toolchain = chosen, Version = version, Reason = reason, DecidedBy = decidedBy };
        if (LookPath(request, chosen) is { } executable)
        {
            return choice with { Kind = ToolchainChoiceKind.Path, Executable = executable };
        }

        if (setting.PathOnly)
        {
            diagnostics.Add(ToolchainSelectionDiagnostics.ToolchainNotOnPath.Create(
                $"cannot find {GoUnicode.Quote(chosen)} in PATH: GOTOOLCHAIN={request.GoToolchain} ({request.GoToolchainLocation.Description}) allows no download, and {reason}.",
                decidedBy ?? request.GoToolchainLocation));
            return choice with { Kind = ToolchainChoiceKind.Path };
        }

        choice = choice with { Kind = ToolchainChoiceKind.Switch, Module = ToolchainChoice.ModuleFor(chosen, request.GoOs, request.GoArch) };
        if (GoVersionOrder.IsLang(version) && GoVersionOrder.Compare(version, "1.21") >= 0)
        {
            diagnostics.Add(ToolchainSelectionDiagnostics.LanguageVersionToolchain.Create(
                $"invalid toolchain: {chosen} is a language version but not a toolchain version ({chosen}.x); {reason}.", decidedBy));
        }
        else if (!PublishedPlatforms.Contains(request.GoOs + "-" + request.GoArch))
        {
            diagnostics.Add(ToolchainSelectionDiagnostics.UnsupportedPlatform.Create(
                $"{reason}, so the go command downloads {choice.Module!.Path}@{choice.Module.Version}, but Go publishes no toolchain for {request.GoOs}/{request.GoArch}: unless the mirror serves one, the switch fails with \"toolchain not available\".",
                decidedBy));
        }

        return choice;
    }

    private static ToolchainChoice Stop(ToolchainChoice local, Diagnostic error) =>
        local with { Reason = "the go command stops: " + error.Message, Diagnostics = [.. local.Diagnostics, error] };

    private static ToolchainLines? ReadLines(ToolchainSelectionRequest request, List<Diagnostic> diagnostics)
    {
        try
        {
            return ToolchainLines.Find(request.WorkingDirectory, request.GoWork, request.GoRoot, request.TempDirectory);
        }
        catch (ArgumentException e)
        {
            diagnostics.Add(GoCommandDiagnostics.CommandFailed.Create($"{e.Message} (GOWORK={request.GoWork}).", new SourceLocation("GOWORK")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(GoCommandDiagnostics.MalformedGoMod.Create($"the go command cannot read the go.mod or go.work above {request.WorkingDirectory}: {e.Message}", SourceLocation.InFile(request.WorkingDirectory)));
        }

        return null;
    }

    // A "go 1.22" line: Go 1.21 releases before the fix for golang/go#62278 switch to "go1.22", which does not exist.
    private static void CheckLanguageVersionGoLine(ToolchainLines lines, List<Diagnostic> diagnostics)
    {
        if (!GoVersionOrder.IsLang(lines.Go) || GoVersionOrder.Compare(lines.Go, "1.22") < 0)
        {
            return;
        }

        var toolVersion = lines.Toolchain.Length > 0 ? GoVersionOrder.FromToolchain(lines.Toolchain) : string.Empty;
        if (toolVersion.Length > 0 && GoVersionOrder.Compare(toolVersion, lines.Go) >= 0)
        {
            return; // A toolchain line at least as new decides first: no Go 1.21 release asks for go1.N.
        }

        diagnostics.Add(ToolchainSelectionDiagnostics.LanguageVersionGoLine.Create(
            $"'go {lines.Go}' in {lines.File} is a language version: Go 1.21 releases before the fix for golang/go#62278 (golang/go#65580: 1.21.4, 1.21.5) switch to go{lines.Go}, which is no release, and fail with \"download go{lines.Go} for GOOS/GOARCH: toolchain not available\"; newer Go reads it as go{lines.Go}.0.",
            lines.GoLine,
            $"Write 'go {lines.Go}.0' (go mod edit -go={lines.Go}.0), or add 'toolchain go{lines.Go}.0' or newer."));
    }

    // What the running toolchain does next: every go line the command loads must not be newer than it.
    private static void CheckGoLines(ToolchainSelectionRequest request, ToolchainLines lines, ToolchainChoice choice, string gotoolchain, List<Diagnostic> diagnostics)
    {
        if (choice.Kind == ToolchainChoiceKind.Path && choice.Executable is null)
        {
            return; // It stops earlier: not on PATH.
        }

        var files = new List<(string File, string Go, SourceLocation? Line)>();
        if (lines.File is not null)
        {
            files.Add((lines.File, lines.Go, lines.GoLine));
        }

        foreach (var other in request.OtherGoModFiles.Where(f => f != lines.File && File.Exists(f)))
        {
            var read = ToolchainLines.Read(other);
            files.Add((other, read.Go, read.GoLine));
        }

        foreach (var (file, go, line) in files.Where(f => GoVersionOrder.Compare(f.Go, choice.Version) > 0))
        {
            var explain = gotoolchain is "" or "auto" ? string.Empty : "; GOTOOLCHAIN=" + gotoolchain;
            diagnostics.Add(GoCommandDiagnostics.GoLineNewerThanToolchain.Create(
                $"{file} requires go >= {go} (running go {choice.Version}{explain}): the Go found is {choice.FoundToolchain}{(choice.Switches ? $" and GOTOOLCHAIN lets it run only {choice.Toolchain}" : string.Empty)} ({request.GoToolchainLocation.Description}), so the go command stops before downloading anything.",
                line ?? SourceLocation.InFile(file),
                $"Install Go {go} or later and point GoExecutable at it, or let Go switch: GOTOOLCHAIN=auto fetches go{go}{(GoVersionOrder.IsLang(go) ? ".0" : string.Empty)} through the mirror, GOTOOLCHAIN=path runs a go{go} on PATH (GoMirrorToolchain, Cake Toolchain, --toolchain); or lower the go line."));
        }
    }

    /// <summary>True for a Go older than 1.21 (<paramref name="localToolchain"/> as <c>runtime.Version()</c> says it):
    /// Go 1.19 and 1.20 know no GOTOOLCHAIN and no toolchain line, they always run themselves.</summary>
    public static bool PredatesSwitching(string localToolchain) => IsBeforeSwitching(LocalVersion(localToolchain));

    private static bool IsBeforeSwitching(string localVersion) => GoVersionOrder.Compare(localVersion, "1.21") < 0;

    private static string LocalVersion(string localToolchain)
    {
        var version = GoVersionOrder.FromToolchain(localToolchain);
        if (version.Length > 0)
        {
            return version;
        }

        // A development build ("devel go1.23-abcdef ..."): Go uses the language version it leads to.
        return GoVersion.TryParse(localToolchain, out var parsed) ? $"{parsed.Major}.{parsed.Minor}" : string.Empty;
    }

    // exec.LookPath: PATH entries in order, only absolute results (a relative entry gives ErrDot), on Windows the
    // name as written when it has an extension (go1.23.5 has ".5") and then with each PATHEXT extension.
    private static string? LookPath(ToolchainSelectionRequest request, string name)
    {
        var isExecutable = request.IsExecutable ?? (request.IsWindows ? File.Exists : IsUnixExecutable);
        var separator = request.IsWindows ? ';' : ':';
        var extensions = request.IsWindows
            ? (string.IsNullOrEmpty(request.PathExt) ? ".com;.exe;.bat;.cmd" : request.PathExt).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => e.StartsWith('.') ? e.ToLowerInvariant() : "." + e.ToLowerInvariant()).ToList()
            : [];
        foreach (var entry in (request.SearchPath ?? string.Empty).Split(separator))
        {
            var dir = request.IsWindows ? entry.Trim('"') : entry;
            if (dir.Length == 0 || !IsAbsolute(dir, request.IsWindows))
            {
                continue;
            }

            var candidate = dir.TrimEnd(request.IsWindows ? ['\\', '/'] : ['/']) + (request.IsWindows ? "\\" : "/") + name;
            if (!request.IsWindows)
            {
                if (isExecutable(candidate))
                {
                    return candidate;
                }

                continue;
            }

            if (isExecutable(candidate))
            {
                return candidate;
            }

            foreach (var extension in extensions)
            {
                if (isExecutable(candidate + extension))
                {
                    return candidate + extension;
                }
            }
        }

        return null;
    }

    private static bool IsAbsolute(string dir, bool windows) => windows
        ? dir.Length >= 3 && char.IsAsciiLetter(dir[0]) && dir[1] == ':' && dir[2] is '\\' or '/' || dir.StartsWith(@"\\", StringComparison.Ordinal)
        : dir.StartsWith('/');

    private static bool IsUnixExecutable(string path)
    {
        if (!File.Exists(path) || OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    // GOTOOLCHAIN as the go process resolves it: the engine passes the policy's value; when it has none, the go
    // process (GOENV=off) falls back to its own $GOROOT/go.env, which the policy did not read without a GOROOT.
    private static (string Value, SourceLocation Location) ResolveGoToolchain(GoMirrorPolicy policy, string? passed, string? goRoot)
    {
        if (!string.IsNullOrEmpty(passed))
        {
            return (passed, policy.Toolchain.Value == passed ? policy.Toolchain.Location : new SourceLocation("GOTOOLCHAIN of the go process"));
        }

        if (goRoot is not null && GoEnvFile.Read(Path.Combine(goRoot, "go.env")) is { } goEnv
            && goEnv.Entries.TryGetValue(PolicyResolver.GoToolchainVariable, out var line) && line.Value.Length > 0)
        {
            return (line.Value, new SourceLocation("GOTOOLCHAIN in $GOROOT/go.env", goEnv.Path, line.Line));
        }

        return (string.Empty, policy.Toolchain.Location);
    }
}
