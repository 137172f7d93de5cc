using System.Text;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Seeded generation of inputs that sit near the rules' edges: strings built from fragments that matter to the
/// rule (separators, dots, tildes, upper case, non-ASCII letters, escapes) more often than from random characters.
/// </summary>
internal sealed class CaseRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A number in [0, max).</summary>
    public int Next(int max) => _random.Next(max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>One of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Up to <paramref name="maxParts"/> fragments of <paramref name="fragments"/> joined together.</summary>
    public string Join(IReadOnlyList<string> fragments, int maxParts)
    {
        var b = new StringBuilder();
        var n = _random.Next(maxParts + 1);
        for (var i = 0; i < n; i++)
        {
            b.Append(Pick(fragments));
        }

        return b.ToString();
    }

    /// <summary>Any code point from planes 0–3 that is not a surrogate: the engine's strings are UTF-16, so every
    /// test string must be well-formed Unicode to mean the same bytes to Go.</summary>
    public string AnyRune()
    {
        while (true)
        {
            var value = Chance(0.7) ? _random.Next(0x80, 0x3000) : _random.Next(0x80, 0x40000);
            if (value is < 0xD800 or > 0xDFFF)
            {
                return char.ConvertFromUtf32(value);
            }
        }
    }

    /// <summary>A string from <paramref name="alphabet"/> of length up to <paramref name="maxLength"/>.</summary>
    public string Chars(string alphabet, int maxLength)
    {
        var n = _random.Next(maxLength + 1);
        var b = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            b.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return b.ToString();
    }

    /// <summary>Random bytes.</summary>
    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
