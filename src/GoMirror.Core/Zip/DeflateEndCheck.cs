namespace GoMirror.Core.Zip;

/// <summary>
/// Walks a raw deflate stream's block structure (RFC 1951) without producing output, to learn whether it ends
/// with its final block. .NET's <see cref="System.IO.Compression.DeflateStream"/> reports a stream cut short (or
/// empty) as a normal end; Go's <c>compress/flate</c> says "unexpected EOF", so an entry whose stream stops early
/// is unreadable for Go even when every declared byte came out.
/// </summary>
internal sealed class DeflateEndCheck
{
    private const int MaxBits = 15;

    // Bits looked up at once by Decode: most literal and distance codes are this short.
    private const int FastBits = 9;

    private static readonly short[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly short[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly short[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private readonly Stream _input;
    private readonly byte[] _buffer = new byte[8192];
    private int _bufferLength;
    private int _bufferPosition;
    private int _bitBuffer;
    private int _bitCount;
    private long _produced;

    private DeflateEndCheck(Stream input) => _input = input;

    /// <summary>True when <paramref name="compressed"/> holds a whole deflate stream (bytes after its final block
    /// are ignored, as Go ignores them); false when the data runs out first.</summary>
    /// <exception cref="ZipFormatException">The stream is malformed.</exception>
    public static bool IsComplete(Stream compressed)
    {
        var check = new DeflateEndCheck(compressed);
        try
        {
            check.Walk();
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private void Walk()
    {
        int last;
        do
        {
            last = Bits(1);
            switch (Bits(2))
            {
                case 0: Stored(); break;
                case 1: Codes(Huffman.Fixed.Lengths, Huffman.Fixed.Distances); break;
                case 2: Dynamic(); break;
                default: throw Corrupt("a block of reserved type 3");
            }
        }
        while (last == 0);
    }

    private int Bits(int need)
    {
        var value = _bitBuffer;
        while (_bitCount < need)
        {
            value |= NextByte() << _bitCount;
            _bitCount += 8;
        }

        _bitBuffer = value >> need;
        _bitCount -= need;
        return value & ((1 << need) - 1);
    }

    private int NextByte()
    {
        if (_bufferPosition == _bufferLength)
        {
            Refill();
        }

        return _buffer[_bufferPosition++];
    }

    private void Refill()
    {
        _bufferLength = _input.Read(_buffer);
        _bufferPosition = 0;
        if (_bufferLength == 0)
        {
            throw new EndOfStreamException();
        }
    }

    // Tops the bit buffer up to FastBits where input is left, never failing at its end: the slow path decides that.
    private void Fill()
    {
        while (_bitCount < FastBits)
        {
            if (_bufferPosition == _bufferLength)
            {
                _bufferLength = _input.Read(_buffer);
                _bufferPosition = 0;
                if (_bufferLength == 0)
                {
                    return;
                }
            }

            _bitBuffer |= _buffer[_bufferPosition++] << _bitCount;
            _bitCount += 8;
        }
    }

    private void Stored()
    {
        // To the next byte boundary; whole bytes that Decode read ahead stay in the bit buffer and come first.
        _bitBuffer >>= _bitCount & 7;
        _bitCount -= _bitCount & 7;
        var length = Bits(16);
        var complement = Bits(16);
        if (length != (~complement & 0xffff))
        {
            throw Corrupt("a stored block whose length and its complement disagree");
        }

        var left = length;
        for (; left > 0 && _bitCount >= 8; left--)
        {
            _bitBuffer >>= 8;
            _bitCount -= 8;
        }

        // The rest is skipped a buffer at a time: stored blocks hold incompressible data, often most of a zip.
        while (left > 0)
        {
            if (_bufferPosition == _bufferLength)
            {
                Refill();
            }

            var skip = Math.Min(left, _bufferLength - _bufferPosition);
            _bufferPosition += skip;
            left -= skip;
        }

        _produced += length;
    }

    private void Dynamic()
    {
        var literalCount = Bits(5) + 257;
        var distanceCount = Bits(5) + 1;
        var codeLengthCount = Bits(4) + 4;
        if (literalCount > 286 || distanceCount > 30)
        {
            throw Corrupt("too many length or distance codes");
        }

        var lengths = new short[320];
        for (var i = 0; i < codeLengthCount; i++)
        {
            lengths[CodeLengthOrder[i]] = (short)Bits(3);
        }

        var codeLengths = new Huffman(lengths.AsSpan(0, 19));
        var index = 0;
        while (index < literalCount + distanceCount)
        {
            var symbol = Decode(codeLengths);
            if (symbol < 16)
            {
                lengths[index++] = (short)symbol;
                continue;
            }

            short repeat = 0;
            int times;
            if (symbol == 16)
            {
                if (index == 0)
                {
                    throw Corrupt("a repeated code length with nothing before it");
                }

                repeat = lengths[index - 1];
                times = 3 + Bits(2);
            }
            else
            {
                times = symbol == 17 ? 3 + Bits(3) : 11 + Bits(7);
            }

            if (index + times > literalCount + distanceCount)
            {
                throw Corrupt("code lengths that run past their count");
            }

            while (times-- > 0)
            {
                lengths[index++] = repeat;
            }
        }

        if (lengths[256] == 0)
        {
            throw Corrupt("no end-of-block code");
        }

        Codes(new Huffman(lengths.AsSpan(0, literalCount)), new Huffman(lengths.AsSpan(literalCount, distanceCount)));
    }

    private void Codes(Huffman literals, Huffman distances)
    {
        while (true)
        {
            var symbol = Decode(literals);
            if (symbol < 256)
            {
                _produced++;
                continue;
            }

            if (symbol == 256)
            {
                return;
            }

            symbol -= 257;
            if (symbol >= 29)
            {
                throw Corrupt("an invalid length code");
            }

            var length = LengthBase[symbol] + Bits(LengthExtra[symbol]);
            var distanceSymbol = Decode(distances);
            if (distanceSymbol >= 30)
            {
                throw Corrupt("an invalid distance code");
            }

            var distance = DistanceBase[distanceSymbol] + Bits(DistanceExtra[distanceSymbol]);
            if (distance > _produced)
            {
                throw Corrupt("a distance too far back");
            }

            _produced += length;
        }
    }

    // Codes of up to FastBits bits are looked up in one step; longer ones, and a stream's last bits, one bit at a time
    // (canonical Huffman codes are stored most significant bit first).
    private int Decode(Huffman h)
    {
        Fill();
        var fast = h.Fast[_bitBuffer & ((1 << FastBits) - 1)];
        var length = fast & 0xF;
        if (fast != 0 && length <= _bitCount)
        {
            _bitBuffer >>= length;
            _bitCount -= length;
            return fast >> 4;
        }

        return DecodeSlowly(h);
    }

    private int DecodeSlowly(Huffman h)
    {
        int code = 0, first = 0, index = 0;
        for (var length = 1; length <= MaxBits; length++)
        {
            code |= Bits(1);
            var count = h.Count[length];
            if (code - count < first)
            {
                return h.Symbol[index + (code - first)];
            }

            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }

        throw Corrupt("a code that is not in its table");
    }

    private static ZipFormatException Corrupt(string what) => new($"the deflate stream is corrupt: {what} (flate: corrupt input)");

    private sealed class Huffman
    {
        public Huffman(ReadOnlySpan<short> lengths)
        {
            foreach (var l in lengths)
            {
                Count[l]++;
            }

            var left = 1;
            for (var length = 1; length <= MaxBits; length++)
            {
                left = (left << 1) - Count[length];
                if (left < 0)
                {
                    throw Corrupt("an over-subscribed code");
                }
            }

            var offsets = new short[MaxBits + 1];
            for (var length = 1; length < MaxBits; length++)
            {
                offsets[length + 1] = (short)(offsets[length] + Count[length]);
            }

            Symbol = new short[lengths.Length];
            for (short symbol = 0; symbol < lengths.Length; symbol++)
            {
                if (lengths[symbol] != 0)
                {
                    Symbol[offsets[lengths[symbol]]++] = symbol;
                }
            }

            // The canonical code of each short symbol, bit-reversed into stream order, fills every table slot it prefixes.
            var next = new int[MaxBits + 2];
            for (var length = 1; length <= MaxBits; length++)
            {
                next[length + 1] = (next[length] + Count[length]) << 1;
            }

            for (var symbol = 0; symbol < lengths.Length; symbol++)
            {
                int length = lengths[symbol];
                if (length == 0)
                {
                    continue;
                }

                var code = next[length]++;
                if (length > FastBits)
                {
                    continue;
                }

                var reversed = 0;
                for (var b = 0; b < length; b++)
                {
                    reversed |= ((code >> b) & 1) << (length - 1 - b);
                }

                for (var slot = reversed; slot < Fast.Length; slot += 1 << length)
                {
                    Fast[slot] = (symbol << 4) | length;
                }
            }
        }

        public int[] Fast { get; } = new int[1 << FastBits];

        public short[] Count { get; } = new short[MaxBits + 1];

        public short[] Symbol { get; }

        public static (Huffman Lengths, Huffman Distances) Fixed { get; } = BuildFixed();

        private static (Huffman, Huffman) BuildFixed()
        {
            var lengths = new short[288];
            for (var i = 0; i < 288; i++)
            {
                lengths[i] = (short)(i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
            }

            var distances = new short[30];
            Array.Fill(distances, (short)5);
            return (new Huffman(lengths), new Huffman(distances));
        }
    }
}
