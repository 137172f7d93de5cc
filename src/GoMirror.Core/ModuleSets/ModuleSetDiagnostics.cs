using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.ModuleSets;

/// <summary>Diagnostic codes of module sets carried through NuGet feeds (GOMIRROR1100–1129).</summary>
internal static class ModuleSetDiagnostics
{
    /// <summary>A module version of the set is missing from the module cache, or what is cached does not match go.sum.</summary>
    public static readonly DiagnosticDescriptor SetIncomplete = new(
        "GOMIRROR1100",
        DiagnosticSeverity.Error,
        "Module set cannot be packed: the module cache lacks a module version",
        "Run the pre-warm (or 'go mod download') for the component first, so every module version its go.sum names is complete in the module cache; a set is packed whole or not at all.");

    /// <summary>The component has nothing a proxy may serve: no package is made.</summary>
    public static readonly DiagnosticDescriptor NothingToPack = new(
        "GOMIRROR1101",
        DiagnosticSeverity.Info,
        "Module set is empty: nothing to pack",
        "Nothing to do when the component needs no module, or all of them are private (GOPRIVATE/GONOPROXY) or GOPROXY names no proxy: a set holds only what a proxy may serve under the policy.");

    /// <summary>The package could not be written.</summary>
    public static readonly DiagnosticDescriptor PackFailed = new(
        "GOMIRROR1102",
        DiagnosticSeverity.Error,
        "Module set package could not be written",
        "Check that the output folder is writable and the disk has room for the package (about the size of the module zips).");

    /// <summary>GoMirrorModuleSetSource is neither a URL, a folder nor the name of a source in nuget.config.</summary>
    public static readonly DiagnosticDescriptor InvalidSource = new(
        "GOMIRROR1103",
        DiagnosticSeverity.Warning,
        "Module set source is not a feed",
        "Set GoMirrorModuleSetSource to a v3 feed URL (https://.../index.json), an absolute folder path, or the name of a package source in nuget.config ('dotnet nuget list source' shows them).");

    /// <summary>The feed has no set for these inputs: the mirrors serve everything.</summary>
    public static readonly DiagnosticDescriptor SetNotInFeed = new(
        "GOMIRROR1104",
        DiagnosticSeverity.Info,
        "Module set not in the feed",
        "Nothing to do: the first build with these go.sum files and policy fetches from the mirrors; with GoMirrorModuleSetPush=true it pushes the set for the next one.");

    /// <summary>The feed could not be asked or the package not downloaded: the mirrors serve everything.</summary>
    public static readonly DiagnosticDescriptor FeedUnavailable = new(
        "GOMIRROR1105",
        DiagnosticSeverity.Warning,
        "Module set feed could not be read",
        "Check the source URL or folder, the network, and the feed's credentials (packageSourceCredentials in nuget.config or a credential provider); the build went on with the mirrors.");

    /// <summary>The package is not a module set GoMirror made for these inputs (unreadable, wrong identity,
    /// files it does not list or of the wrong size or hash): nothing of it is used.</summary>
    public static readonly DiagnosticDescriptor CorruptPackage = new(
        "GOMIRROR1106",
        DiagnosticSeverity.Warning,
        "Module set package is corrupt",
        "Delete that package version from the feed (the next build with GoMirrorModuleSetPush=true pushes a good one); the build went on with the mirrors and nothing of the package reached the module cache.");

    /// <summary>A module in the package does not hash to what go.sum records: tampering, nothing of it is used.</summary>
    public static readonly DiagnosticDescriptor TamperedPackage = new(
        "GOMIRROR1107",
        DiagnosticSeverity.Warning,
        "Module set package does not match go.sum",
        "Treat the feed as compromised: find who pushed that package version, delete it, and check the feed's permissions. Nothing of the package reached the module cache; the build went on with the mirrors, which are checked against go.sum as always.");

    /// <summary>Pushing the set failed; the build goes on.</summary>
    public static readonly DiagnosticDescriptor PushFailed = new(
        "GOMIRROR1108",
        DiagnosticSeverity.Warning,
        "Module set could not be pushed",
        "Check the feed URL, its push permission and API key (apikeys in nuget.config, 'dotnet nuget setapikey'), and its credentials; the build itself succeeded, only the next runners will not warm from the feed.");

    /// <summary>GoMirrorModuleSetPush is on but no source says where to push.</summary>
    public static readonly DiagnosticDescriptor PushWithoutSource = new(
        "GOMIRROR1109",
        DiagnosticSeverity.Warning,
        "Module set push has no feed",
        "Set GoMirrorModuleSetSource to the feed to push to (a v3 URL, an absolute folder, or a nuget.config source name), or turn GoMirrorModuleSetPush off.");

    /// <summary>The API key variable is named but not set: the push goes on with nuget.config's key, if any.</summary>
    public static readonly DiagnosticDescriptor ApiKeyVariableUnset = new(
        "GOMIRROR1110",
        DiagnosticSeverity.Warning,
        "Module set API key variable is not set",
        "Set the environment variable GoMirrorModuleSetApiKeyVariable names (a CI secret, e.g. GITHUB_TOKEN for GitHub Packages) in the build's environment, or clear GoMirrorModuleSetApiKeyVariable to use nuget.config's apikeys.");

    /// <summary>The set carries checksum database records (versions go.sum lacks, or verify-all) that Go's sumdb cache
    /// cannot supply proved in one tree head: no package is made.</summary>
    public static readonly DiagnosticDescriptor RecordsMissing = new(
        "GOMIRROR1112",
        DiagnosticSeverity.Error,
        "Module set cannot carry its checksum database records",
        "Run the pre-warm with the checksum database reachable first: it proves every version go.sum lacks (and, with GoMirrorSumDbVerifyAll, every go.sum line) and caches each record with the tiles of its proof in $GOMODCACHE/cache/download/sumdb, from which the set is packed. Or run 'go mod tidy' so go.sum has the lines and the set needs no record.");
}
