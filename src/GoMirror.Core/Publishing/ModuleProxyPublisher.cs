using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Publishing;

/// <summary>
/// Publishes module sources into a folder laid out as a GOPROXY (serve it as <c>GOPROXY=file:///path</c> or
/// with any static file server): <c>&lt;escaped path&gt;/@v/&lt;escaped version&gt;.info</c>, <c>.mod</c>,
/// <c>.zip</c> and a sorted <c>list</c>. For private modules and vendored third-party sources in air-gapped
/// networks. The output is reproducible: the same sources, path, version and time give the same bytes.
/// </summary>
internal sealed class ModuleProxyPublisher
{
    /// <summary>Publishes into <paramref name="proxyDirectory"/>, which is created when missing.</summary>
    public ModuleProxyPublisher(string proxyDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(proxyDirectory);
        ProxyDirectory = Path.GetFullPath(proxyDirectory);
    }

    /// <summary>The proxy folder (absolute).</summary>
    public string ProxyDirectory { get; }

    /// <summary>
    /// Publishes the module in <paramref name="sourceDirectory"/> as <paramref name="modulePath"/>@<paramref name="version"/>.
    /// The zip follows Go's rules for a zip made from a directory; <c>.mod</c> is the module's go.mod (or a
    /// single <c>module</c> line when it has none); <c>.info</c> carries <paramref name="time"/>, else
    /// <c>SOURCE_DATE_EPOCH</c>, else <see cref="PublishTime.FixedEpoch"/>. Publishing a version again with the
    /// same content succeeds without change; with different content it fails
    /// (<see cref="PublishingDiagnostics.VersionAlreadyPublished"/>). Files are written through temporary
    /// names and renamed, <c>list</c> last, so a server never serves a half-written version.
    /// </summary>
    public ModulePublishResult Publish(string sourceDirectory, string modulePath, string version, DateTimeOffset? time = null)
    {
        ArgumentNullException.ThrowIfNull(sourceDirectory);
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        var diagnostics = new DiagnosticBag();
        // The module path and version name folders and zip entries, so they must be what Go accepts in a module zip.
        if (new ModuleVersion(modulePath, version).CheckCanonical() is { } problem)
        {
            diagnostics.Add(PublishingDiagnostics.InvalidModuleVersion.Create($"Cannot publish {modulePath}@{version}: {problem.Message}."));
            return Result(modulePath, version, diagnostics, [], [], null);
        }

        if (!Directory.Exists(sourceDirectory))
        {
            diagnostics.Add(PublishingDiagnostics.SourceFolderNotFound.Create(
                $"The source folder for {modulePath}@{version} does not exist.", SourceLocation.InFile(Path.GetFullPath(sourceDirectory))));
            return Result(modulePath, version, diagnostics, [], [], null);
        }

        var versionDirectory = Path.Combine(ProxyDirectory, ModuleEscaping.Escape(modulePath).Replace('/', Path.DirectorySeparatorChar), "@v");
        var infoTime = PublishTime.Resolve(time, Environment.GetEnvironmentVariable(PublishTime.SourceDateEpochVariable), diagnostics);
        var scan = ModuleSourceScanner.Scan(Path.GetFullPath(sourceDirectory), diagnostics);
        var files = scan.Files.Select(f => f.Path).ToList();
        var goMod = ReadGoMod(scan, modulePath, diagnostics);
        if (diagnostics.HasErrors || infoTime is null || goMod is null)
        {
            return Result(modulePath, version, diagnostics, files, scan.Omitted, versionDirectory);
        }

        try
        {
            var zip = BuildZip(scan, modulePath, version, diagnostics);
            if (zip is not null)
            {
                Write(versionDirectory, modulePath, version, zip, goMod, infoTime.Value, diagnostics);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(PublishingDiagnostics.PublishIOError.Create(
                $"Cannot write {modulePath}@{version} into the proxy folder: {e.Message}", SourceLocation.InFile(versionDirectory)));
        }

        return Result(modulePath, version, diagnostics, files, scan.Omitted, versionDirectory);
    }

    /// <summary>
    /// Publishes every module version under <paramref name="sourcesRoot"/>, laid out as
    /// <c>&lt;module path&gt;@&lt;version&gt;/</c> folders (<c>example.com/Team/Lib@v1.2.0/</c>: the path
    /// unescaped, as people write it), in path and version order. Folders without <c>@</c> are descended into.
    /// </summary>
    public IReadOnlyList<ModulePublishResult> PublishSourceTree(string sourcesRoot, DateTimeOffset? time = null)
    {
        ArgumentNullException.ThrowIfNull(sourcesRoot);
        if (!Directory.Exists(sourcesRoot))
        {
            var diagnostics = new DiagnosticBag();
            diagnostics.Add(PublishingDiagnostics.SourceFolderNotFound.Create(
                "The folder of module sources does not exist.", SourceLocation.InFile(Path.GetFullPath(sourcesRoot))));
            return [Result(string.Empty, string.Empty, diagnostics, [], [], null)];
        }

        var found = new List<(string Path, string Version, string Directory)>();
        FindVersionFolders(new DirectoryInfo(sourcesRoot), string.Empty, found);
        return [.. found
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ThenBy(m => m.Version, Semver.Comparer)
            .Select(m => Publish(m.Directory, m.Path, m.Version, time))];
    }

    private static void FindVersionFolders(DirectoryInfo directory, string prefix, List<(string, string, string)> found)
    {
        foreach (var child in directory.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var at = child.Name.LastIndexOf('@');
            if (at > 0)
            {
                found.Add((prefix + child.Name[..at], child.Name[(at + 1)..], child.FullName));
            }
            else
            {
                FindVersionFolders(child, prefix + child.Name + "/", found);
            }
        }
    }

    private static byte[]? ReadGoMod(ModuleSourceScan scan, string modulePath, DiagnosticBag diagnostics)
    {
        var goMod = scan.Files.FirstOrDefault(f => f.Path == "go.mod");
        if (goMod is null)
        {
            // What Go serves for a module without go.mod (modfetch's LegacyGoMod).
            return Encoding.UTF8.GetBytes($"module {modulePath}\n");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(goMod.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(PublishingDiagnostics.PublishIOError.Create($"Cannot read go.mod: {e.Message}", SourceLocation.InFile(goMod.FullPath)));
            return null;
        }

        // Go reads a dependency's go.mod as modfile.ParseLax does, and refuses the module when it does not parse.
        var parsed = GoModParser.Parse(goMod.FullPath, bytes, GoModParseMode.Dependency);
        if (!parsed.Succeeded)
        {
            diagnostics.AddRange(parsed.Diagnostics);
            return null;
        }

        var module = parsed.File.Module;
        if (module?.Path != modulePath)
        {
            diagnostics.Add(PublishingDiagnostics.ModulePathMismatch.Create(
                module is null
                    ? $"go.mod has no 'module' line; Go needs 'module {modulePath}' to accept it as {modulePath}."
                    : $"go.mod declares 'module {module.Path}' but is being published as {modulePath}.",
                module?.Location ?? SourceLocation.InFile(goMod.FullPath)));
            return null;
        }

        return bytes;
    }

    private static byte[]? BuildZip(ModuleSourceScan scan, string modulePath, string version, DiagnosticBag diagnostics)
    {
        var prefix = modulePath + "@" + version + "/";
        using var buffer = new MemoryStream();
        var writer = new DeterministicZipWriter(buffer);
        foreach (var file in scan.Files)
        {
            bool complete;
            try
            {
                using var content = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                complete = writer.Add(prefix + file.Path, content, file.Size);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(PublishingDiagnostics.PublishIOError.Create($"Cannot read '{file.Path}': {e.Message}", SourceLocation.InFile(file.FullPath)));
                return null;
            }

            if (!complete)
            {
                diagnostics.Add(PublishingDiagnostics.PublishIOError.Create(
                    $"'{file.Path}' changed size while it was being published.", SourceLocation.InFile(file.FullPath)));
                return null;
            }
        }

        writer.Finish();
        return buffer.ToArray();
    }

    private static void Write(string versionDirectory, string modulePath, string version, byte[] zip, byte[] goMod, DateTimeOffset time, DiagnosticBag diagnostics)
    {
        Directory.CreateDirectory(versionDirectory);
        var escapedVersion = ModuleEscaping.Escape(version);
        var zipPath = Path.Combine(versionDirectory, escapedVersion + ".zip");
        var modPath = Path.Combine(versionDirectory, escapedVersion + ".mod");
        foreach (var (path, bytes) in new[] { (zipPath, zip), (modPath, goMod) })
        {
            if (File.Exists(path) && !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                diagnostics.Add(PublishingDiagnostics.VersionAlreadyPublished.Create(
                    $"{modulePath}@{version} is already in the proxy folder and its {Path.GetExtension(path)} differs from the sources now.",
                    SourceLocation.InFile(path)));
                return;
            }
        }

        var info = JsonSerializer.SerializeToUtf8Bytes(new InfoFile(version, PublishTime.Format(time)), InfoFileContext.Default.InfoFile);
        WriteAtomically(zipPath, zip);
        WriteAtomically(modPath, goMod);
        WriteAtomically(Path.Combine(versionDirectory, escapedVersion + ".info"), info);
        UpdateList(versionDirectory, version);
    }

    private static void UpdateList(string versionDirectory, string version)
    {
        var listPath = Path.Combine(versionDirectory, "list");
        var versions = new SortedSet<string>(Semver.Comparer) { version };
        if (File.Exists(listPath))
        {
            // Go reads the first field of each line; keep every version already listed.
            foreach (var line in File.ReadAllLines(listPath))
            {
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 0 && Semver.TryCanonicalModuleVersion(fields[0], out var canonical) && canonical == fields[0])
                {
                    versions.Add(fields[0]);
                }
            }
        }

        WriteAtomically(listPath, Encoding.UTF8.GetBytes(string.Concat(versions.Select(v => v + "\n"))));
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static ModulePublishResult Result(string modulePath, string version, DiagnosticBag diagnostics, IReadOnlyList<string> files, IReadOnlyList<OmittedPath> omitted, string? versionDirectory) =>
        new(modulePath, version, diagnostics.ToList(), files, omitted, versionDirectory);
}
