using System.CommandLine;
using GoMirror.Core.Policy;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror explain</c>: every Go variable's value, where it came from, what it overrode, and the
/// policy check's findings.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("explain", "Show every Go variable of the mirror policy with its effective value and where it came from (command-line option > environment > Go's env file (go env -w) > Go's default), the values it overrode, and the policy check's warnings.")
        {
            context.Json,
        };
        context.AddPolicyOptions(command);
        command.SetAction(parse => Run(context, parse));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse)
    {
        var console = context.Console;
        var settings = context.Settings.PolicySettings(parse);
        var policy = GoMirrorPolicy.Resolve(console.Host, settings);
        var redact = policy.Redactor;
        var explained = PolicyExplanation.Explain(policy, console.Host, settings);
        var diagnostics = policy.Diagnostics.Select(redact.Redact).ToList();
        if (parse.GetValue(context.Json))
        {
            JsonOutput.Write(console.Out, json =>
            {
                json.WriteStartObject();
                if (policy.EnvFilePath is { } envFile)
                {
                    json.WriteString("envFile", envFile);
                }
                else
                {
                    json.WriteNull("envFile");
                }

                json.WriteString("policyFile", policy.PolicyFilePath);
                json.WriteString("profile", policy.Profile);
                json.WriteString("profileSelectedBy", policy.ProfileSelectedBy);
                json.WriteStartArray("routes");
                foreach (var (pattern, proxy) in policy.Routes)
                {
                    json.WriteStartObject();
                    json.WriteString("pattern", pattern);
                    json.WriteString("proxy", redact.Redact(proxy));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("variables");
                foreach (var item in explained)
                {
                    json.WriteStartObject();
                    WriteSetting(json, item.Effective, redact);
                    json.WriteStartArray("overridden");
                    foreach (var lost in item.Overridden)
                    {
                        json.WriteStartObject();
                        WriteSetting(json, lost, redact);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                JsonOutput.WriteDiagnostics(json, diagnostics);
                json.WriteEndObject();
            });
        }
        else
        {
            var width = explained.Max(e => e.Effective.Name.Length);
            foreach (var item in explained)
            {
                var effective = item.Effective;
                var value = effective.IsEmpty ? "(empty)" : redact.Redact(effective.Value);
                console.Out.WriteLine($"{effective.Name.PadRight(width)}  {value}");
                console.Out.WriteLine(Ansi.Paint(console.OutColours, Ansi.Dim, $"{new string(' ', width)}  from {SourceName(effective.Kind)}: {effective.Location}"));
                foreach (var lost in item.Overridden)
                {
                    console.Out.WriteLine(Ansi.Paint(console.OutColours, Ansi.Yellow, $"{new string(' ', width)}  overrides {redact.Redact(lost.Value)} from {SourceName(lost.Kind)}: {lost.Location}"));
                }
            }

            console.Out.WriteLine($"Go env file: {policy.EnvFilePath ?? "(none: no user config directory)"}");
            console.Out.WriteLine($"Policy file: {policy.PolicyFilePath ?? "(none)"}{(policy.Profile is { } profile ? $", profile {profile} (selected by {policy.ProfileSelectedBy})" : string.Empty)}");
            foreach (var (pattern, proxy) in policy.Routes)
            {
                console.Out.WriteLine($"Route {pattern}  {redact.Redact(proxy)}");
            }

            foreach (var diagnostic in diagnostics)
            {
                DiagnosticWriter.Write(console.Out, diagnostic, console.OutColours);
            }
        }

        return diagnostics.Any(d => d.IsError) ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>The word for a level of Go's precedence, as the text and the JSON show it.</summary>
    public static string SourceName(SettingSourceKind kind) => kind switch
    {
        SettingSourceKind.Explicit => "command line",
        SettingSourceKind.Environment => "environment",
        SettingSourceKind.EnvFile => "Go env file",
        SettingSourceKind.Derived => "derived",
        SettingSourceKind.Profile => "policy file",
        _ => "Go default",
    };

    private static void WriteSetting(System.Text.Json.Utf8JsonWriter json, ResolvedSetting setting, Core.Security.CredentialRedactor redact)
    {
        json.WriteString("name", setting.Name);
        json.WriteString("value", redact.Redact(setting.Value));
        json.WriteString("source", setting.Kind switch
        {
            SettingSourceKind.Explicit => "commandLine",
            SettingSourceKind.Environment => "environment",
            SettingSourceKind.EnvFile => "envFile",
            SettingSourceKind.Derived => "derived",
            SettingSourceKind.Profile => "policyFile",
            _ => "default",
        });
        json.WriteString("location", setting.Location.ToString());
        if (setting.Location.File is { } file)
        {
            json.WriteString("file", file);
            json.WriteNumber("line", setting.Location.Line);
        }
    }
}
