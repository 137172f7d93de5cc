using System.Diagnostics.CodeAnalysis;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;
using NuGet.Configuration;
using NuGet.Credentials;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace GoMirror.Core.ModuleSets;

/// <summary>The outcome of a push.</summary>
/// <param name="Succeeded">True when the feed holds the package now (pushed, or already there: a conflict is success).</param>
/// <param name="Diagnostics">Why it failed (a warning: a push never fails a build).</param>
internal sealed record ModuleSetPushResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The outcome of a pull.</summary>
/// <param name="Folder">The checked set as a GOPROXY folder; null when the feed had none or it was not usable.</param>
/// <param name="Diagnostics">Why there is no folder.</param>
internal sealed record ModuleSetPullResult(ModuleSetFolder? Folder, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// A NuGet feed that carries module sets, reached the way <c>dotnet nuget push</c> and restore reach it: the
/// source is a v3 URL, a folder, or the name of a package source in nuget.config; nuget.config's
/// <c>packageSourceCredentials</c> and <c>apikeys</c> apply to it by name or URL, and NuGet's credential
/// providers (plugins) answer a 401, non-interactively. Every request goes through NuGet.Protocol.
/// </summary>
internal sealed class ModuleSetFeed
{
    private const int PushTimeoutSeconds = 300;

    private readonly ISettings _settings;
    private readonly CredentialRedactor _redactor;

    private ModuleSetFeed(PackageSource source, ISettings settings, CredentialRedactor redactor)
    {
        Source = source;
        _settings = settings;
        _redactor = redactor;
        Repository = NuGet.Protocol.Core.Types.Repository.Factory.GetCoreV3(source);
    }

    /// <summary>The package source (with nuget.config's credentials when it names one).</summary>
    public PackageSource Source { get; }

    /// <summary>The feed as a person may see it: its nuget.config name or its location, credentials masked.</summary>
    public string DisplayName => _redactor.Redact(Source.Name == Source.Source ? Source.Source : $"{Source.Name} ({Source.Source})");

    private SourceRepository Repository { get; }

    /// <summary>
    /// Resolves <paramref name="source"/> against the nuget.config files that apply to <paramref name="settingsRoot"/>
    /// (the folder hierarchy, then the user's), or only <paramref name="configFile"/> when given. The password of
    /// a configured source is added to <paramref name="redactor"/>.
    /// </summary>
    public static bool TryResolve(string source, string settingsRoot, string? configFile, CredentialRedactor redactor, [NotNullWhen(true)] out ModuleSetFeed? feed, [NotNullWhen(false)] out Diagnostic? problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(redactor);
        feed = null;
        redactor.AddSecretsFromUrl(source);
        ISettings settings;
        IReadOnlyList<PackageSource> configured;
        try
        {
            settings = configFile is null
                ? NuGet.Configuration.Settings.LoadDefaultSettings(settingsRoot)
                : NuGet.Configuration.Settings.LoadSpecificSettings(Path.GetDirectoryName(Path.GetFullPath(configFile))!, Path.GetFileName(configFile));
            configured = [.. new PackageSourceProvider(settings).LoadPackageSources()];
        }
        catch (Exception e) when (e is NuGetConfigurationException or IOException or UnauthorizedAccessException)
        {
            problem = ModuleSetDiagnostics.InvalidSource.Create($"GoMirrorModuleSetSource '{redactor.Redact(source)}': nuget.config cannot be read: {redactor.Redact(e.Message)}");
            return false;
        }

        var trimmed = source.Trim();
        var chosen = configured.FirstOrDefault(s => string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? configured.FirstOrDefault(s => SameLocation(s.Source, trimmed));
        if (chosen is null)
        {
            if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                chosen = new PackageSource(trimmed);
            }
            else if (uri is { IsFile: true } || Path.IsPathFullyQualified(trimmed))
            {
                chosen = new PackageSource(uri is { IsFile: true } ? uri.LocalPath : trimmed);
            }
            else
            {
                problem = ModuleSetDiagnostics.InvalidSource.Create(
                    $"GoMirrorModuleSetSource '{redactor.Redact(source)}' is not an http(s) URL, not an absolute folder, and no package source in nuget.config has that name ({(configured.Count == 0 ? "none is configured" : string.Join(", ", configured.Select(s => s.Name)))}).");
                return false;
            }
        }

        redactor.AddSecretsFromUrl(chosen.Source);
        redactor.AddSecret(chosen.Credentials?.Password);
        feed = new ModuleSetFeed(chosen, settings, redactor);
        problem = null;
        return true;
    }

    /// <summary>
    /// Pushes <paramref name="packagePath"/> with NuGet's <see cref="PackageUpdateResource"/>, as
    /// <c>dotnet nuget push --skip-duplicate</c> does: a package already in the feed is success.
    /// </summary>
    /// <param name="packagePath">The package.</param>
    /// <param name="apiKey">The API key; null to take it from nuget.config's <c>apikeys</c> for this source.</param>
    /// <param name="detail">Where NuGet's own log lines go (redacted), for a detailed build log.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    public async Task<ModuleSetPushResult> PushAsync(string packagePath, string? apiKey, Action<string>? detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        var log = new NuGetLogAdapter(_redactor, detail);
        _redactor.AddSecret(apiKey);
        try
        {
            SetUpCredentials(log);
            var key = apiKey ?? ConfiguredApiKey();
            _redactor.AddSecret(key);
            var update = await Repository.GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the feed's service index names no push endpoint (PackagePublish/2.0.0)");
            update.Settings = _settings;
            if (Source.IsLocal)
            {
                Directory.CreateDirectory(Source.Source);
            }

            await update.Push(
                [packagePath],
                symbolSource: null,
                timeoutInSecond: PushTimeoutSeconds,
                disableBuffering: false,
                getApiKey: _ => key,
                getSymbolApiKey: _ => null,
                noServiceEndpoint: false,
                skipDuplicate: true,
                symbolPackageUpdateResource: null,
                Source.AllowInsecureConnections,
                log).ConfigureAwait(false);
            return log.Errors == 0
                ? new ModuleSetPushResult(true, [])
                : new ModuleSetPushResult(false, [ModuleSetDiagnostics.PushFailed.Create(
                    $"Pushing {Path.GetFileName(packagePath)} to {DisplayName} failed: {string.Join(" ", log.Problems)}")]);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // NuGet reports a failed push as any of several exception types (HTTP, protocol, packaging, I/O); a
            // push must never fail the build, so each becomes the one warning.
            return new ModuleSetPushResult(false, [ModuleSetDiagnostics.PushFailed.Create(
                $"Pushing {Path.GetFileName(packagePath)} to {DisplayName} failed: {Describe(e, log)}")]);
        }
    }

    /// <summary>
    /// Asks the feed for <paramref name="set"/> (one package lookup by id and version), downloads it into
    /// <paramref name="workDirectory"/>, checks it and extracts it into a new GOPROXY folder there.
    /// </summary>
    public async Task<ModuleSetPullResult> PullAsync(ModuleSet set, string workDirectory, Action<string>? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var log = new NuGetLogAdapter(_redactor, detail);
        var download = Path.Combine(workDirectory, "download-" + Guid.NewGuid().ToString("N")[..8]);
        var folder = Path.Combine(workDirectory, "goproxy-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            SetUpCredentials(log);
            Directory.CreateDirectory(download);
            using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
            var resource = await Repository.GetResourceAsync<DownloadResource>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the feed's service index names no package download resource (PackageBaseAddress/3.0.0)");
            var identity = new PackageIdentity(set.Id, NuGetVersion.Parse(set.Version));
            using var result = await resource.GetDownloadResourceResultAsync(
                identity, new PackageDownloadContext(cache, download, directDownload: true), download, log, cancellationToken).ConfigureAwait(false);
            if (result.Status == DownloadResourceResultStatus.NotFound)
            {
                return new ModuleSetPullResult(null, [ModuleSetDiagnostics.SetNotInFeed.Create(
                    $"{set.ModulePath}: {DisplayName} has no {set.Id} {set.Version} yet; the mirrors serve every module.",
                    Diagnostics.SourceLocation.InFile(set.Component.GoSumPath))]);
            }

            if (result.Status != DownloadResourceResultStatus.Available || result.PackageStream is null)
            {
                return Unavailable(set, $"the download ended as {result.Status}", log);
            }

            var problem = await ModuleSetReader.ExtractAsync(result.PackageStream, set, folder, DisplayName, cancellationToken).ConfigureAwait(false);
            return problem is null
                ? new ModuleSetPullResult(new ModuleSetFolder(set, folder, DisplayName), [])
                : new ModuleSetPullResult(null, [problem]);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // As for a push: whatever NuGet throws, the pre-warm goes on with the mirrors. NuGet itself opens a
            // downloaded package and reports one that is no zip as invalid: that is a corrupt package, not a feed problem.
            var invalid = Chain(e).OfType<InvalidDataException>().FirstOrDefault();
            return invalid is null
                ? Unavailable(set, Describe(e, log), log)
                : new ModuleSetPullResult(null, [ModuleSetDiagnostics.CorruptPackage.Create(
                    $"{set.Id} {set.Version} from {DisplayName}: it cannot be read ({_redactor.Redact(invalid.Message)}); nothing of it is used, the mirrors serve the modules.")]);
        }
        finally
        {
            if (Directory.Exists(download))
            {
                Directory.Delete(download, recursive: true);
            }
        }
    }

    private ModuleSetPullResult Unavailable(ModuleSet set, string why, NuGetLogAdapter log) =>
        new(null, [ModuleSetDiagnostics.FeedUnavailable.Create(
            $"{set.ModulePath}: {set.Id} {set.Version} could not be read from {DisplayName}: {_redactor.Redact(why)}{(log.Problems.Count == 0 ? string.Empty : " (NuGet: " + string.Join(" ", log.Problems) + ")")}; the mirrors serve every module.")]);

    // nuget.config's apikeys, as `dotnet nuget push` reads them. NuGet stores them encrypted with DPAPI, so they
    // exist only on Windows; elsewhere (and for folder feeds) there is none and the host passes the key.
    private string? ConfiguredApiKey()
    {
        if (Source.IsLocal || !OperatingSystem.IsWindows())
        {
            return null;
        }

        return SettingsUtility.GetDecryptedValueForAddItem(_settings, ConfigurationConstants.ApiKeys, Source.Source);
    }

    // NuGet's credential providers, non-interactive, as `dotnet restore --non-interactive` sets them up; folder feeds need none.
    private void SetUpCredentials(NuGetLogAdapter log)
    {
        if (!Source.IsLocal)
        {
            DefaultCredentialServiceUtility.SetupDefaultCredentialService(log, nonInteractive: true);
        }
    }

    private string Describe(Exception e, NuGetLogAdapter log)
    {
        var messages = Chain(e).Select(x => x.Message).ToList();
        messages.AddRange(log.Problems);
        return _redactor.Redact(string.Join(" ", messages.Distinct(StringComparer.Ordinal)));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            yield return inner;
        }
    }

    private static bool SameLocation(string configured, string given) =>
        string.Equals(configured.TrimEnd('/', '\\'), given.TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);
}
