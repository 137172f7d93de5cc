namespace GoMirror.Core.Ci;

/// <summary>The CI system a build runs in.</summary>
internal enum CiProvider
{
    /// <summary>Not a CI system GoMirror knows (or a developer machine).</summary>
    None,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    GitHubActions,

    /// <summary>GitLab CI (<c>GITLAB_CI=true</c>).</summary>
    GitLabCi,
}
