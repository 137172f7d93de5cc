using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Security;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;
using GoMirror.Tool.Shells;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror env</c>: the resolved policy as assignments for a shell, to paste or <c>eval</c>.</summary>
internal static class EnvCommand
{
    public static Command Create(CliContext context)
    {
        var shell = new Option<string>("--shell")
        {
            Description = $"The shell to write for: {string.Join(", ", ShellScript.Names)} (go: one 'go env -w' command). Default: {(ShellScript.PlatformDefault == ShellKind.Pwsh ? "pwsh" : "bash")} on this platform.",
            HelpName = "shell",
        };
        shell.AcceptOnlyFromAmong([.. ShellScript.Names, "sh", "powershell"]);
        var includeCredentials = new Option<bool>("--include-credentials")
        {
            Description = "Also print values that carry a credential (user-info in GOPROXY/GOSUMDB); without it such a policy is refused.",
        };
        var command = new Command("env", "Print the Go mirror policy (command-line options, environment, Go's env file, Go's defaults) as lines a shell runs: eval \"$(gomirror env)\", gomirror env --shell pwsh | Invoke-Expression.")
        {
            shell,
            includeCredentials,
        };
        context.AddPolicyOptions(command);
        command.SetAction(parse => Run(context, parse, parse.GetValue(shell), parse.GetValue(includeCredentials)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string? shellName, bool includeCredentials)
    {
        var console = context.Console;
        var kind = shellName is null ? ShellScript.PlatformDefault : ShellScript.Parse(shellName) ?? ShellScript.PlatformDefault;
        var policy = GoMirrorPolicy.Resolve(console.Host, context.Settings.PolicySettings(parse));
        foreach (var diagnostic in policy.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            DiagnosticWriter.Write(console.Error, policy.Redactor.Redact(diagnostic), console.ErrorColours);
        }

        if (policy.HasErrors)
        {
            return ExitCodes.Failed;
        }

        // Derived values (GONOPROXY/GONOSUMDB from GOPRIVATE, GOMODCACHE from GOPATH) are left to Go to derive,
        // so a later change of GOPRIVATE still carries over as it does in Go. GOTOOLCHAIN only when someone set it:
        // its default comes from $GOROOT/go.env, and Go 1.19 and 1.20 refuse the name ('go env -w' fails on it).
        var variables = PolicyVariables.All
            .Select(v => policy.Settings.Single(s => s.Name == v))
            .Where(s => s.Kind != SettingSourceKind.Derived)
            .Where(s => s.Name != PolicyVariables.GoToolchain || s.Kind != SettingSourceKind.Default)
            .Select(s => KeyValuePair.Create(s.Name, s.Value))
            .ToList();
        var problems = new List<Diagnostic>();
        foreach (var (name, value) in variables)
        {
            var source = policy.Settings.Single(s => s.Name == name).Location;
            if (ShellScript.Unwritable(kind, value) is { } what)
            {
                problems.Add(ToolDiagnostics.ValueNotWritable.Create($"{name} holds {what}, which {kind.ToString().ToLowerInvariant()} cannot carry in an assignment.", source));
            }

            if (!includeCredentials && (CredentialRedactor.HasUserInfo(value) || policy.Redactor.Redact(value) != value))
            {
                problems.Add(ToolDiagnostics.CredentialInOutput.Create($"{name} carries a credential ({policy.Redactor.Redact(value)}); gomirror env prints nothing rather than a secret on the screen.", source));
            }
        }

        if (DiagnosticWriter.WriteAll(console, problems))
        {
            return ExitCodes.Failed;
        }

        console.Out.Write(ShellScript.Write(kind, variables));
        return ExitCodes.Success;
    }
}
