namespace GoMirror.Core.GoCommand;

/// <summary>
/// Builds the exact environment a go process gets. Nothing comes from the ambient environment except what a
/// process needs to start (PATH, HOME/USERPROFILE, TMP/TEMP/TMPDIR, SystemRoot on Windows) and, only when the
/// caller asks, the HTTP proxy variables. Everything Go-specific comes from the caller's dictionary, built
/// from the resolved policy, so a stray GOFLAGS or GOPROXY in a CI runner's environment cannot change a build.
/// </summary>
internal static class GoProcessEnvironment
{
    /// <summary>Variables taken from the ambient environment on Unix-like systems.</summary>
    public static IReadOnlyList<string> UnixStartupVariables { get; } = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP"];

    /// <summary>Variables taken from the ambient environment on Windows.</summary>
    public static IReadOnlyList<string> WindowsStartupVariables { get; } = ["PATH", "USERPROFILE", "HOME", "TMP", "TEMP", "SystemRoot"];

    /// <summary>The HTTP proxy variables Go's HTTP client reads, passed only when asked (both spellings: Go reads both).</summary>
    public static IReadOnlyList<string> ProxyVariables { get; } = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "no_proxy"];

    /// <summary>
    /// The environment for a go process: start-up variables from <paramref name="ambient"/>, the proxy
    /// variables when <paramref name="passProxyVariables"/>, <c>GOENV=off</c> unless the caller sets GOENV
    /// (the caller's values already account for Go's env file; reading it again would let it override them),
    /// then every entry of <paramref name="variables"/>, which wins over all of the above.
    /// </summary>
    /// <param name="variables">The Go environment the caller resolved (GOPROXY, GOMODCACHE, GOPATH, ...).</param>
    /// <param name="passProxyVariables">True to pass HTTPS_PROXY/HTTP_PROXY/NO_PROXY through from the ambient environment.</param>
    /// <param name="ambient">Reads the ambient environment; null for the current process's.</param>
    /// <param name="isWindows">The OS the process runs on; null for the current one.</param>
    public static IReadOnlyDictionary<string, string> Build(
        IReadOnlyDictionary<string, string> variables,
        bool passProxyVariables,
        Func<string, string?>? ambient = null,
        bool? isWindows = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ambient ??= Environment.GetEnvironmentVariable;
        var windows = isWindows ?? OperatingSystem.IsWindows();

        // Windows environment names are case-insensitive; elsewhere https_proxy and HTTPS_PROXY are distinct.
        // A SortedList, whose generic code ships precompiled (a SortedDictionary's is compiled at first use; finding 13).
        var result = new SortedList<string, string>(windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var passed = windows ? WindowsStartupVariables : UnixStartupVariables;
        if (passProxyVariables)
        {
            passed = [.. passed, .. ProxyVariables];
        }

        foreach (var name in passed)
        {
            if (!result.ContainsKey(name) && ambient(name) is { Length: > 0 } value)
            {
                result[name] = value;
            }
        }

        result["GOENV"] = "off";
        foreach (var (name, value) in variables)
        {
            result[name] = value;
        }

        return result;
    }
}
