using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.Tests.Children;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>The four GOPROXY endpoints over http and file, and Go's escaping of paths and versions.</summary>
public class GoProxyClientProtocolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http")]
    [InlineData("file")]
    public async Task Fetches_list_info_mod_and_zip(string scheme)
    {
        await using var bed = new ProxyTestBed();
        var url = scheme == "file" ? bed.Folder.FileUrl : (await bed.StartServerAsync()).Url;
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        ProxyEntry[] proxies = [ProxyTestBed.Comma(url)];

        var list = await client.FetchListAsync(ProxyTestBed.Module, proxies, Token);
        Assert.True(list.Succeeded, string.Join("\n", list.Diagnostics));
        Assert.Equal([ProxyTestBed.Version, ProxyTestBed.PreRelease], list.Value!.Versions.Order(StringComparer.Ordinal));
        Assert.Equal("@v/list", list.Resource);

        var info = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);
        Assert.True(info.Succeeded, string.Join("\n", info.Diagnostics));
        Assert.Equal(ProxyTestBed.Version, info.Value!.Version);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), info.Value.Time);

        var mod = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ModFile, Token), mod.Value);

        using var zip = new MemoryStream();
        var fetched = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, zip, Token);
        var expected = await File.ReadAllBytesAsync(bed.Released.ZipFile, Token);
        Assert.True(fetched.Succeeded, string.Join("\n", fetched.Diagnostics));
        Assert.Equal(expected, zip.ToArray());
        Assert.Equal(expected.Length, fetched.Bytes);
        Assert.Equal(url, fetched.ServedBy);
        Assert.Equal(1, fetched.Attempts);
        Assert.Empty(fetched.Diagnostics);
    }

    [Fact]
    public async Task Zip_to_file_streams_to_disk()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        var target = bed.Temp.Combine("out.zip.tmp");

        var result = await client.FetchZipToFileAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], target, Token);

        Assert.True(result.Succeeded);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ZipFile, Token), await File.ReadAllBytesAsync(target, Token));
    }

    [Fact]
    public async Task Escapes_upper_case_paths_and_versions_exactly_as_go_does()
    {
        // Oracle: Go downloads the same module@version through the same server; the wire paths must match.
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.Url), "mod", "download", "-json", ProxyTestBed.Module + "@" + ProxyTestBed.PreRelease).AssertSuccess();
        var goTargets = server.Requests.Select(r => r.RawTarget).Where(t => t.Contains("/@v/v", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        server.ClearRequests();

        using var client = new GoProxyClient(ProxyTestBed.Fast);
        ProxyEntry[] proxies = [ProxyTestBed.Comma(server.Url)];
        Assert.True((await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.PreRelease, proxies, Token)).Succeeded);
        Assert.True((await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.PreRelease, proxies, Token)).Succeeded);
        using var zip = new MemoryStream();
        Assert.True((await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.PreRelease, proxies, zip, Token)).Succeeded);
        var ours = server.Requests.Select(r => r.RawTarget).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("/proxy/example.com/%21upper/%21mod/@v/v1.3.0-%21r%21c1.zip", ours);
        Assert.Subset(goTargets, ours);
        Assert.All(server.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task File_proxy_missing_file_is_404_and_falls_through()
    {
        await using var bed = new ProxyTestBed();
        var empty = new ModuleProxyFolder(bed.Temp.Combine("empty"));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(empty.FileUrl), ProxyTestBed.Comma(bed.Folder.FileUrl)], Token);

        Assert.True(result.Succeeded);
        Assert.Equal(404, result.Entries[0].StatusCode);
        Assert.Equal(bed.Folder.FileUrl, result.ServedBy);
    }

    [Fact]
    public async Task File_proxy_unreadable_file_is_403()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("file modes are Unix-only");
            return;
        }

        await using var bed = new ProxyTestBed();
        File.SetUnixFileMode(bed.Released.ModFile, UnixFileMode.None);
        if (!CanRead(bed.Released.ModFile))
        {
            AssertDenied(await FetchModTwiceAsync(bed.Folder.FileUrl, Token));
            return;
        }

        // Root reads files whatever their mode, so here the fetch runs in a child process as nobody, for whom
        // 'permission denied' is real (the proxy folder is readable to all but the one file).
        if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
        {
            Assert.Skip("this user (root) reads files whatever their mode, and setpriv (util-linux), which would run the check as nobody, is not installed");
        }

        var start = TestChild.StartInfo(nameof(GoProxyClientProtocolTests), runAs: Nobody);
        start.Environment[UnreadableProxyVariable] = bed.Folder.FileUrl;
        start.Environment["HOME"] = bed.Temp.Path;
        using var child = System.Diagnostics.Process.Start(start)!;
        var (exitCode, output) = await TestChild.WaitAsync(child, Token);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"403 checked as uid {Nobody}", output, StringComparison.Ordinal);
    }

    /// <summary>The child's body (a <see cref="TestChild"/>, run as nobody): the unreadable .mod is a 403, and ','
    /// does not fall through to the next entry.</summary>
    internal static async Task UnreadableFileChildAsync(CancellationToken cancellationToken)
    {
        AssertDenied(await FetchModTwiceAsync(Environment.GetEnvironmentVariable(UnreadableProxyVariable)!, cancellationToken));
        Console.WriteLine($"403 checked as uid {GetUid()}");
    }

    private const string UnreadableProxyVariable = "GOMIRROR_TEST_UNREADABLE_PROXY";

    private const int Nobody = 65534;

    private static async Task<ProxyFetchResult<byte[]>> FetchModTwiceAsync(string fileUrl, CancellationToken cancellationToken)
    {
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        return await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(fileUrl), ProxyTestBed.Comma(fileUrl)], cancellationToken);
    }

    private static void AssertDenied(ProxyFetchResult<byte[]> result)
    {
        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(403, result.Entries[0].StatusCode);
        Assert.Single(result.Entries);
        Assert.Equal(ProxyDiagnostics.ProxyAccessDenied, result.Diagnostics[0].Descriptor);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [Theory]
    [InlineData("example.com/a/../b", "v1.0.0")]
    [InlineData("example.com/m", "v1.0.0/../../x")]
    [InlineData("Example.com/m", "v1.0.0")]
    [InlineData("example.com/m", "v1.0.0!")]
    [InlineData("example.com/m/v1", "v1.0.0")]
    [InlineData("example.com/m~1", "v1.0.0")]
    [InlineData("example.com/m", "v\u00e9")]
    public async Task Malformed_module_or_version_is_a_diagnostic_and_sends_nothing(string module, string version)
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchInfoAsync(module, version, [ProxyTestBed.Comma(server.Url)], Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(ProxyDiagnostics.InvalidModuleRequest, Assert.Single(result.Diagnostics).Descriptor);
        Assert.Empty(server.Requests);

        // Oracle: go refuses the same module@version without asking the proxy either.
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.Url), "mod", "download", "-json", module + "@" + version);
        Assert.NotEqual(0, go.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Requests_a_path_with_two_dots_inside_an_element_as_go_does()
    {
        // "a..b" is a valid element; only an element made of dots alone is not.
        await using var bed = new ProxyTestBed();
        bed.Folder.Add("example.com/a..b", "v1.0.0", new Dictionary<string, byte[]> { ["a.go"] = Encoding.UTF8.GetBytes("package b\n") });
        var server = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchInfoAsync("example.com/a..b", "v1.0.0", [ProxyTestBed.Comma(server.Url)], Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.Url), "mod", "download", "-json", "example.com/a..b@v1.0.0").AssertSuccess();
    }

    [Theory]
    [InlineData("ftp://example.com/proxy")]
    [InlineData("file://host/share/proxy")]
    public async Task Unusable_proxy_url_is_a_diagnostic(string url)
    {
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync("example.com/m", "v1.0.0", [ProxyTestBed.Comma(url)], Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(ProxyDiagnostics.InvalidProxyUrl, result.Diagnostics[0].Descriptor);
        Assert.Equal(0, result.Attempts);
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
