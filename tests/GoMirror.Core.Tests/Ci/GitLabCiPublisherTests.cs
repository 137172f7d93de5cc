using System.Globalization;
using GoMirror.Core.Ci;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;
using GoMirror.Core.Tests.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Ci;

public class GitLabCiPublisherTests
{
    [Fact]
    public void Section_markers_have_gitlabs_exact_shape()
    {
        using var log = new StringWriter();
        var publisher = new GitLabCiPublisher(log, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1700000000)), new CredentialRedactor());
        publisher.SectionStart("go mod/download", "Header\nsecond line");
        publisher.SectionEnd("go mod/download");
        Assert.Equal(
            "\u001b[0Ksection_start:1700000000:go-mod-download[collapsed=true]\r\u001b[0KHeader second line\n" +
            "\u001b[0Ksection_end:1700000000:go-mod-download\r\u001b[0K\n",
            log.ToString());
    }

    [Fact]
    public void Dotenv_keeps_gitlabs_rules_and_reports_what_it_leaves_out()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("gomirror.env");
        var variables = new Dictionary<string, string>
        {
            ["GOMIRROR_FINGERPRINT"] = "sha256:abc",
            ["1BAD"] = "x",
            ["HAS SPACE"] = "x",
            ["MULTI"] = "a\nb",
        };
        for (var i = 0; i < 25; i++)
        {
            variables["V" + i.ToString("D2", CultureInfo.InvariantCulture)] = "v";
        }

        var bag = new DiagnosticBag();
        Assert.True(new GitLabCiPublisher(TextWriter.Null, TimeProvider.System, new CredentialRedactor()).WriteDotenv(path, variables, bag));
        var lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, lines.Length);
        Assert.Equal("GOMIRROR_FINGERPRINT=sha256:abc", lines[0]);
        Assert.All(lines, l => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*=[^\r\n]*$", l));
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
        var rejected = bag.ToList();
        Assert.All(rejected, d => Assert.Equal(CiDiagnostics.DotenvVariableRejected.Code, d.Code));
        Assert.Equal(3 + 25 - 19, rejected.Count);
    }

    [Fact]
    public void Dotenv_stays_within_five_kibibytes()
    {
        using var temp = new TempDirectory();
        var bag = new DiagnosticBag();
        var variables = Enumerable.Range(0, 6).ToDictionary(i => "BIG" + i.ToString(CultureInfo.InvariantCulture), _ => new string('v', 1000));
        new GitLabCiPublisher(TextWriter.Null, TimeProvider.System, new CredentialRedactor()).WriteDotenv(temp.Combine("a.env"), variables, bag);
        Assert.True(new FileInfo(temp.Combine("a.env")).Length <= GitLabCiPublisher.MaxDotenvBytes);
        Assert.Contains("exceed", Assert.Single(bag.ToList()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotenv_that_cannot_be_written_is_a_warning()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("blocker"), "file");
        var bag = new DiagnosticBag();
        Assert.False(new GitLabCiPublisher(TextWriter.Null, TimeProvider.System, new CredentialRedactor())
            .WriteDotenv(temp.Combine("blocker", "gomirror.env"), new Dictionary<string, string> { ["A"] = "b" }, bag));
        Assert.Equal(CiDiagnostics.CiFileWriteFailed.Code, Assert.Single(bag.ToList()).Code);
    }
}
