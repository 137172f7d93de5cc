using System.Text;

namespace GoMirror.Differential.Tests;

/// <summary>
/// How many cases an area runs and from which seed. CI runs the bounded count; <c>GOMIRROR_DIFFERENTIAL=long</c>
/// runs 100 times as many (the long run), <c>GOMIRROR_DIFFERENTIAL_SEED</c> picks other seeds.
/// </summary>
internal static class Differential
{
    /// <summary>Cases per area in the bounded run.</summary>
    public const int BoundedCases = 3000;

    /// <summary>True for the long run.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("GOMIRROR_DIFFERENTIAL") == "long";

    /// <summary>How many cases an area generates; <paramref name="bounded"/> for areas whose cases are slow (zips).</summary>
    public static int Cases(int bounded = BoundedCases) => Long ? bounded * 100 : bounded;

    /// <summary>The fixed seed of an area (stable across runs and machines), shifted by <c>GOMIRROR_DIFFERENTIAL_SEED</c>.</summary>
    public static int Seed(string area)
    {
        var seed = 17;
        foreach (var c in area)
        {
            seed = unchecked((seed * 31) + c);
        }

        return int.TryParse(Environment.GetEnvironmentVariable("GOMIRROR_DIFFERENTIAL_SEED"), out var shift) ? seed ^ shift : seed;
    }
}

/// <summary>
/// The comparison of one area on one Go release: every case, every field where the engine and Go differ, and
/// which differences docs/go-behaviour.md lists as deliberate. <see cref="AssertAgreement"/> prints the counts
/// and fails on any other difference, showing the first ones.
/// </summary>
internal sealed class Comparison(string area, string release)
{
    private readonly List<Disagreement> _disagreements = [];

    /// <summary>The number of cases compared.</summary>
    public int Cases { get; private set; }

    /// <summary>Every difference found so far.</summary>
    public IReadOnlyList<Disagreement> Disagreements => _disagreements;

    /// <summary>Compares one case field by field: <paramref name="fields"/> names them, <paramref name="go"/> and
    /// <paramref name="engine"/> are the two answers. <paramref name="deliberate"/> returns the documented reason
    /// when a difference in that field is deliberate for this input, or null.</summary>
    public void Compare(string input, IReadOnlyList<string> fields, IReadOnlyList<string> go, IReadOnlyList<string> engine, Func<string, string?>? deliberate = null)
    {
        Cases++;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!string.Equals(go[i], engine[i], StringComparison.Ordinal))
            {
                _disagreements.Add(new Disagreement(input, fields[i], go[i], engine[i], deliberate?.Invoke(fields[i])));
            }
        }
    }

    /// <summary>Writes the counts to the test output and to <c>differential-counts.tsv</c> beside the tests, then
    /// fails when a difference is not deliberate.</summary>
    public void AssertAgreement()
    {
        Assert.True(Cases > 0, $"{area}: no cases were compared");
        var casesWithDifference = _disagreements.Select(d => d.Input).Distinct(StringComparer.Ordinal).Count();
        var deliberate = _disagreements.Where(d => d.Reason is not null).ToList();
        var wrong = _disagreements.Where(d => d.Reason is null).ToList();
        var line = $"{area}\tgo{release}\t{Cases} cases\t{casesWithDifference} cases differ\t{wrong.Count} disagreements\t{deliberate.Count} deliberate"
            + string.Concat(deliberate.GroupBy(d => d.Reason).Select(g => $" [{g.Count()}: {g.Key}]"));
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        lock (typeof(Comparison))
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "differential-counts.tsv"), line + "\n");
        }

        if (wrong.Count == 0)
        {
            return;
        }

        var text = new StringBuilder($"{area} on Go {release}: {wrong.Count} disagreements in {Cases} cases; the first:\n");
        foreach (var byField in wrong.GroupBy(d => d.Field))
        {
            text.Append($"-- {byField.Key}: {byField.Count()}\n");
            foreach (var d in byField.Take(6))
            {
                text.Append($"   input {Show(d.Input)}\n     go     {Show(d.Go)}\n     engine {Show(d.Engine)}\n");
            }
        }

        Assert.Fail(text.ToString());
    }

    /// <summary>A string with control and non-ASCII characters escaped so a failure message shows every byte.</summary>
    public static string Show(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var r in text.EnumerateRunes())
        {
            b.Append(r.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < 0x20 or 0x7f => $"\\x{r.Value:x2}",
                > 0x7f => $"\\u{{{r.Value:x}}}",
                _ => r.ToString(),
            });
        }

        return b.Append('"').ToString();
    }
}

/// <summary>One field where the engine and Go answered differently.</summary>
/// <param name="Input">The case.</param>
/// <param name="Field">Which answer.</param>
/// <param name="Go">Go's.</param>
/// <param name="Engine">The engine's.</param>
/// <param name="Reason">Why the difference is deliberate (as docs/go-behaviour.md says), or null.</param>
internal sealed record Disagreement(string Input, string Field, string Go, string Engine, string? Reason);
