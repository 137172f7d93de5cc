using GoMirror.Core.Zip;

namespace GoMirror.Core.Tests.Zip;

public class Crc32Tests
{
    [Fact]
    public void Check_value_of_the_IEEE_polynomial() =>
        Assert.Equal(0xCBF43926u, Crc32.Append(0, "123456789"u8));

    [Fact]
    public void Folded_and_incremental_results_equal_a_bitwise_reference()
    {
        var random = new Random(3);
        var data = new byte[70_000];
        random.NextBytes(data);
        foreach (var length in new[] { 0, 1, 15, 16, 63, 64, 65, 127, 128, 200, 1000, 4097, 70_000 })
        {
            var slice = data.AsSpan(0, length);
            Assert.Equal(Bitwise(slice), Crc32.Append(0, slice));
            var split = length / 3;
            Assert.Equal(Bitwise(slice), Crc32.Append(Crc32.Append(0, slice[..split]), slice[split..]));
        }
    }

    // The definition, one bit at a time, independent of any table or folding constant.
    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }
}
