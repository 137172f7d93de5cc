using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.GoMod;

/// <summary>
/// Writes go.sum exactly as the go command does (cmd/go/internal/modfetch WriteGoSum): entries grouped by
/// module and version field, groups in module.Sort order (path, then semantic version, then the bare version
/// before its <c>/go.mod</c>), each group's hashes sorted and de-duplicated, one <c>path version hash\n</c> per line.
/// </summary>
internal static class GoSumWriter
{
    /// <summary>The go.sum text for <paramref name="entries"/>; empty when there are none.</summary>
    public static string Format(IEnumerable<GoSumEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = new StringBuilder();
        var groups = entries
            .GroupBy(e => e.Module)
            .OrderBy(g => g.Key, ModuleVersion.Comparer);
        foreach (var group in groups)
        {
            foreach (var hash in group.Select(e => e.Hash).Distinct(StringComparer.Ordinal).Order(Utf8Order.Comparer))
            {
                builder.Append(group.Key.Path).Append(' ').Append(group.Key.Version).Append(' ').Append(hash).Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes <paramref name="entries"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteFile(string path, IEnumerable<GoSumEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Format(entries), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
