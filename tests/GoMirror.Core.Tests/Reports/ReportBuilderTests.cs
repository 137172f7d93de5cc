using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class ReportBuilderTests
{
    [Fact]
    public void Invalid_hash_keeps_the_module_marked_without_digest()
    {
        using var temp = new TempDirectory();
        var bag = new DiagnosticBag();
        var report = new ReportBuilder(temp.Path, new CredentialRedactor()).Build(new ReportInput
        {
            Components = [new("go.mod", [new("a.example/x", "v1.0.0") { Sum = "h1:not-base64!" }])],
        }, bag);
        var module = Assert.Single(report.AllModules);
        Assert.Null(module.Sha256);
        Assert.Equal("the recorded hash is not a valid h1: hash", module.NoDigestReason);
        var d = Assert.Single(bag.ToList());
        Assert.Equal(ReportDiagnostics.InvalidModuleHash.Code, d.Code);
        Assert.Equal(d.Code, Assert.Single(report.Findings).Code);
        Assert.Equal("the recorded hash is not a valid h1: hash", Assert.Single(report.ResolvedDependencies).Annotations["noDigest"]);
    }

    [Fact]
    public void Module_without_hash_gets_a_reason_rather_than_disappearing()
    {
        using var temp = new TempDirectory();
        var report = new ReportBuilder(temp.Path, new CredentialRedactor()).Build(new ReportInput
        {
            Components = [new("go.mod", [new("a.example/x", "v1.0.0")])],
        }, new DiagnosticBag());
        Assert.Equal("no hash was recorded", Assert.Single(report.AllModules).NoDigestReason);
        Assert.Contains("\"noDigestReason\": \"no hash was recorded\"", ReportJson.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Go_mod_outside_the_repository_is_recorded_by_folder_name_with_a_warning()
    {
        using var repo = new TempDirectory("repo");
        using var elsewhere = new TempDirectory("elsewhere");
        var bag = new DiagnosticBag();
        var report = new ReportBuilder(repo.Path, new CredentialRedactor()).Build(new ReportInput
        {
            Components = [new(Path.Combine(elsewhere.Path, "agent", "go.mod"), [])],
        }, bag);
        Assert.Equal("<outside-repository>/agent/go.mod", Assert.Single(report.Reproducible.Components).GoMod);
        Assert.Equal(ReportDiagnostics.GoModOutsideRepository.Code, Assert.Single(bag.ToList()).Code);
    }

    [Fact]
    public void Relative_and_absolute_go_mod_paths_agree()
    {
        using var repo = new TempDirectory();
        var builder = new ReportBuilder(repo.Path, new CredentialRedactor());
        var a = builder.Build(new ReportInput { Components = [new(Path.Combine(repo.Path, "tools", "go.mod"), [])] }, new DiagnosticBag());
        var b = builder.Build(new ReportInput { Components = [new("./tools\\go.mod", [])] }, new DiagnosticBag());
        Assert.Equal("tools/go.mod", a.Reproducible.Components[0].GoMod);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Machine_local_settings_move_to_the_environment_part()
    {
        using var repo = new TempDirectory();
        var report = new ReportBuilder(repo.Path, new CredentialRedactor()).Build(new ReportInput
        {
            Policy = [new("GOMODCACHE", "/cache", "env"), new("GOPATH", "/gopath", "env"), new("GOPROXY", "off", "env")],
        }, new DiagnosticBag());
        Assert.Equal(["GOPROXY"], report.Reproducible.Policy.Select(s => s.Name));
        Assert.Equal(["GOMODCACHE", "GOPATH"], report.Environment.Locations.Select(s => s.Name));
    }

    [Fact]
    public void Folder_tokens_replace_whole_folders_only()
    {
        using var repo = new TempDirectory("repo");
        var builder = new ReportBuilder(repo.Path, new CredentialRedactor(), new Dictionary<string, string> { ["/srv/goproxy"] = "${proxyRoot}" });
        Assert.Equal("${repositoryRoot}/a and " + repo.Path + "x/b and ${proxyRoot}/m", builder.Clean(repo.Path + "/a and " + repo.Path + "x/b and /srv/goproxy/m"));
        Assert.Equal("file://${repositoryRoot}/p", builder.Clean(new Uri(repo.Path + "/p").AbsoluteUri));
    }

    [Fact]
    public void Registered_secrets_and_url_credentials_are_redacted_everywhere_in_the_model()
    {
        using var repo = new TempDirectory();
        var redactor = new CredentialRedactor();
        redactor.AddSecret("env-token-123456");
        var report = new ReportBuilder(repo.Path, redactor).Build(new ReportInput
        {
            Policy = [new("GOPROXY", "https://u:pw-in-url-987@p.example", "env")],
            Components = [new("go.mod", [new("a.example/x", "v1") { Proxy = "https://u:pw-in-url-987@p.example", VerificationDetail = "token env-token-123456", NoDigestReason = "pw-in-url-987" }])],
            Environment = new ReportEnvironment { Host = "env-token-123456" },
            Findings = [ReportDiagnostics.PolicyChanged.Create("was pw-in-url-987", new SourceLocation("env-token-123456"))],
        }, new DiagnosticBag());
        var text = string.Concat(ReportFileWriter.Render(report, ReportFormats.All).Values);
        Assert.DoesNotContain("pw-in-url-987", text, StringComparison.Ordinal);
        Assert.DoesNotContain("env-token-123456", text, StringComparison.Ordinal);
        Assert.Contains(CredentialRedactor.Mask, text, StringComparison.Ordinal);
    }
}
