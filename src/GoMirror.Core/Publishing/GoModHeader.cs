namespace GoMirror.Core.Publishing;

/// <summary>
/// The two go.mod directives publishing looks at: <c>module</c> (must match the published path) and
/// <c>go</c> (Go 1.24+ leaves vendor/modules.txt out of the zip). A line-level reading is enough for both;
/// full go.mod parsing belongs to GoMirror.Core.GoMod.
/// </summary>
internal sealed record GoModHeader(string? ModulePath, int ModuleLine, Version? GoVersion)
{
    public static GoModHeader Read(string text)
    {
        string? module = null;
        var moduleLine = 0;
        Version? go = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            var fields = (comment >= 0 ? line[..comment] : line).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
            {
                continue;
            }

            if (fields[0] == "module" && module is null)
            {
                module = fields[1].Trim('"', '`');
                moduleLine = i + 1;
            }
            else if (fields[0] == "go" && go is null && Version.TryParse(LeadingNumber(fields[1]), out var parsed))
            {
                go = parsed;
            }
        }

        return new GoModHeader(module, moduleLine, go);
    }

    // "1.21rc1" and "1.21.0" both start with the numbers that matter here.
    private static string LeadingNumber(string version) =>
        new([.. version.TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]);
}
