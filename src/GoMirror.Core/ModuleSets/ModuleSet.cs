using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// The module set of one Go component: every module version its go.sum names that a proxy may serve under the
/// policy (the pre-warm's fetchable versions with a go.sum line; never a GONOPROXY/GOPRIVATE path), with the hashes that check
/// them, plus each version go.mod requires and go.sum lacks that the checksum database vouches for (carried with its
/// record, <see cref="Recorded"/>), and the NuGet identity derived from exactly that: the same go.sum lines and policy give the same
/// package id and version on every machine, so a runner asks the feed for its set with one lookup.
/// </summary>
internal sealed class ModuleSet
{
    /// <summary>The package format; part of the identity, so a new layout never meets an old reader.</summary>
    public const int Format = 1;

    /// <summary>The prefix of every module set package id.</summary>
    public const string IdPrefix = "GoMirror.ModuleSet.";

    private const int MaxIdLength = 100;

    private ModuleSet(GoComponent component, string modulePath, IReadOnlyList<PrewarmItem> items, ChecksumDatabase? database, IReadOnlySet<ModuleVersion> recorded, string id, string version)
    {
        Component = component;
        ModulePath = modulePath;
        Items = items;
        Database = database;
        Recorded = recorded;
        Id = id;
        Version = version;
    }

    /// <summary>The component.</summary>
    public GoComponent Component { get; }

    /// <summary>The component's own module path (its go.mod <c>module</c> line), or its folder name without one.</summary>
    public string ModulePath { get; }

    /// <summary>The module versions of the set, in Go's module order.</summary>
    public IReadOnlyList<PrewarmItem> Items { get; }

    /// <summary>The checksum database whose records the set carries; null when it carries none.</summary>
    public ChecksumDatabase? Database { get; }

    /// <summary>The module versions whose checksum database records the set carries (under
    /// <c>goproxy/sumdb/&lt;name&gt;/</c>): those go.sum lacks, and with SumDbVerifyAll every one the database may be
    /// asked about. Never a GONOSUMDB/GOPRIVATE path.</summary>
    public IReadOnlySet<ModuleVersion> Recorded { get; }

    /// <summary>The package id: <see cref="IdPrefix"/> and the component's module path, so each component keeps
    /// one package whose versions a feed's retention rules can prune.</summary>
    public string Id { get; }

    /// <summary>The package version: <c>1.0.0-h</c> and 32 hex digits of SHA-256 over the format and every
    /// module version with its go.sum hashes.</summary>
    public string Version { get; }

    /// <summary>The package file name a folder feed and <c>dotnet nuget push</c> expect.</summary>
    public string FileName => $"{Id}.{Version}.nupkg".ToLowerInvariant();

    /// <summary>The set of <paramref name="component"/> under <paramref name="policy"/>; <paramref name="verifyAll"/>
    /// is GoMirrorSumDbVerifyAll, which makes the set carry the database records of go.sum's own lines too.</summary>
    public static ModuleSet For(GoComponent component, GoMirrorPolicy policy, bool verifyAll = false)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(policy);
        var plan = PrewarmPlan.Create([component], policy);
        var database = policy.ChecksumDatabase is { IsOff: false } db ? db : null;
        // A version go.sum lacks enters the set only with the database record that vouches for it (the plan asks
        // the database only where the policy lets it); so does, with verify-all, every version the database may be
        // asked about.
        var items = plan.Fetchable.Where(i => i.ZipHash is not null || i.GoModHash is not null || (i.FromChecksumDatabase && database is not null)).ToList();
        var recorded = database is null
            ? new HashSet<ModuleVersion>()
            : items.Where(i => i.FromChecksumDatabase || (verifyAll && policy.UsesChecksumDatabase(i.Module.Path))).Select(i => i.Module).ToHashSet();
        var modulePath = component.GoMod.Module?.Path ?? Path.GetFileName(component.Directory);
        var content = new StringBuilder().Append("gomirror-moduleset ").Append(Format.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in items)
        {
            content.Append(item.Module.Path).Append(' ').Append(item.Module.Version)
                .Append(' ').Append(item.ZipHash?.Hash ?? "-")
                .Append(' ').Append(item.GoModHash?.Hash ?? "-").Append('\n');
        }

        // Which records the set carries and whose key signs them are inputs (go.mod, go.sum, GOSUMDB, GONOSUMDB,
        // verify-all); the records' bytes (the database's tree head of the day) are not, so a runner computes the
        // identity before it has any record. A set without records hashes exactly as before records existed.
        if (recorded.Count > 0)
        {
            content.Append("sumdb ").Append(database!.VerifierKey).Append('\n');
            foreach (var item in items.Where(i => recorded.Contains(i.Module)))
            {
                content.Append("record ").Append(item.Module.Path).Append(' ').Append(item.Module.Version).Append('\n');
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
        var version = string.Create(CultureInfo.InvariantCulture, $"{Format}.0.0-h{hash[..32]}");
        return new ModuleSet(component, modulePath, items, recorded.Count > 0 ? database : null, recorded, PackageId(modulePath, hash), version);
    }

    // A NuGet id is letters, digits and '_' separated by single '.', '-' or '_' (PackageIdValidator), at most
    // 100 characters. A module path is longer than that only in odd cases: cut it and keep it unique with its hash.
    private static string PackageId(string modulePath, string hash)
    {
        var name = new StringBuilder(modulePath.Length);
        foreach (var c in modulePath)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '.')
            {
                name.Append('.');
            }
        }

        var id = IdPrefix + name.ToString().TrimEnd('.');
        return id.Length <= MaxIdLength ? id : id[..(MaxIdLength - 17)].TrimEnd('.') + "." + hash[..16];
    }
}
