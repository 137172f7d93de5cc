using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// The module set of one Go component: every module version its go.sum names that a proxy may serve under the
/// policy (the pre-warm's fetchable versions with a go.sum line; never a GONOPROXY/GOPRIVATE path), with the hashes that check
/// them, and the NuGet identity derived from exactly that: the same go.sum lines and policy give the same
/// package id and version on every machine, so a runner asks the feed for its set with one lookup.
/// </summary>
internal sealed class ModuleSet
{
    /// <summary>The package format; part of the identity, so a new layout never meets an old reader.</summary>
    public const int Format = 1;

    /// <summary>The prefix of every module set package id.</summary>
    public const string IdPrefix = "GoMirror.ModuleSet.";

    private const int MaxIdLength = 100;

    private ModuleSet(GoComponent component, string modulePath, IReadOnlyList<PrewarmItem> items, string id, string version)
    {
        Component = component;
        ModulePath = modulePath;
        Items = items;
        Id = id;
        Version = version;
    }

    /// <summary>The component.</summary>
    public GoComponent Component { get; }

    /// <summary>The component's own module path (its go.mod <c>module</c> line), or its folder name without one.</summary>
    public string ModulePath { get; }

    /// <summary>The module versions of the set, in Go's module order.</summary>
    public IReadOnlyList<PrewarmItem> Items { get; }

    /// <summary>The package id: <see cref="IdPrefix"/> and the component's module path, so each component keeps
    /// one package whose versions a feed's retention rules can prune.</summary>
    public string Id { get; }

    /// <summary>The package version: <c>1.0.0-h</c> and 32 hex digits of SHA-256 over the format and every
    /// module version with its go.sum hashes.</summary>
    public string Version { get; }

    /// <summary>The package file name a folder feed and <c>dotnet nuget push</c> expect.</summary>
    public string FileName => $"{Id}.{Version}.nupkg".ToLowerInvariant();

    /// <summary>The set of <paramref name="component"/> under <paramref name="policy"/>.</summary>
    public static ModuleSet For(GoComponent component, GoMirrorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(policy);
        var plan = PrewarmPlan.Create([component], policy);
        // A version go.sum lacks has no hash to check a package's bytes against: the checksum database vouches
        // for it through the mirrors, so it stays out of the set.
        var items = plan.Fetchable.Where(i => i.ZipHash is not null || i.GoModHash is not null).ToList();
        var modulePath = component.GoMod.Module?.Path ?? Path.GetFileName(component.Directory);
        var content = new StringBuilder().Append("gomirror-moduleset ").Append(Format.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in items)
        {
            content.Append(item.Module.Path).Append(' ').Append(item.Module.Version)
                .Append(' ').Append(item.ZipHash?.Hash ?? "-")
                .Append(' ').Append(item.GoModHash?.Hash ?? "-").Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
        var version = string.Create(CultureInfo.InvariantCulture, $"{Format}.0.0-h{hash[..32]}");
        return new ModuleSet(component, modulePath, items, PackageId(modulePath, hash), version);
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
