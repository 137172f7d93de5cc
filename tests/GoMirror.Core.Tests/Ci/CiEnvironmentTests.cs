using GoMirror.Core.Ci;

namespace GoMirror.Core.Tests.Ci;

public class CiEnvironmentTests
{
    private static CiEnvironment With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return new CiEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Detects_github_gitlab_and_neither()
    {
        Assert.Equal(CiProvider.GitHubActions, With(("GITHUB_ACTIONS", "true")).Provider);
        Assert.Equal(CiProvider.GitLabCi, With(("GITLAB_CI", "true")).Provider);
        Assert.Equal(CiProvider.None, With(("GITHUB_ACTIONS", "false"), ("CI", "true")).Provider);
        Assert.Null(With().ProviderName);
    }

    [Fact]
    public void Github_run_job_and_folder_per_matrix_leg()
    {
        var linux = With(("GITHUB_ACTIONS", "true"), ("GITHUB_RUN_ID", "42"), ("GITHUB_RUN_ATTEMPT", "2"), ("GITHUB_JOB", "build"), ("RUNNER_OS", "Linux"), ("RUNNER_ARCH", "X64"));
        var windows = With(("GITHUB_ACTIONS", "true"), ("GITHUB_JOB", "build"), ("RUNNER_OS", "Windows"), ("RUNNER_ARCH", "X64"));
        Assert.Equal("42-2", linux.RunId);
        Assert.Equal("build", linux.Job);
        Assert.Equal("gomirror-build-Linux-X64", linux.ReportFolderName());
        Assert.NotEqual(linux.ReportFolderName(), windows.ReportFolderName());
        Assert.Equal("gomirror-build-go1.22-ubuntu", linux.ReportFolderName("go1.22 / ubuntu"));
        Assert.Equal("gomirror-build-x", With(("GITHUB_ACTIONS", "true"), ("GITHUB_JOB", "build"), (CiEnvironment.LegVariable, "x")).ReportFolderName());
    }

    [Fact]
    public void Gitlab_job_name_with_matrix_values_is_sanitized()
    {
        var one = With(("GITLAB_CI", "true"), ("CI_PIPELINE_ID", "7"), ("CI_JOB_NAME", "test: [linux, 1.22]"));
        var two = With(("GITLAB_CI", "true"), ("CI_JOB_NAME", "test: [windows, 1.22]"));
        Assert.Equal("7", one.RunId);
        Assert.Equal("gomirror-test-linux-1.22", one.ReportFolderName());
        Assert.NotEqual(one.ReportFolderName(), two.ReportFolderName());
        Assert.Equal("gomirror", With().ReportFolderName());
    }

    [Fact]
    public void Sanitize_keeps_only_safe_characters() =>
        Assert.Equal("a-b.c_d-..e", CiEnvironment.Sanitize("/a b.c_d:::é..e/.."));
}
