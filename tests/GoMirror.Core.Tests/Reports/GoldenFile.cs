using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

/// <summary>
/// Byte-for-byte comparison with a golden file under Reports/Golden (copied to the output folder).
/// Nothing is normalised. A missing golden fails, unless GOMIRROR_ACCEPT_GOLDEN=1 is set: then it is written
/// into the source tree, to be reviewed and committed deliberately.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Reports", "Golden", name);
        var source = RepositoryRoot.Combine("tests", "GoMirror.Core.Tests", "Reports", "Golden", name);
        var path = File.Exists(copied) ? copied : source;
        if (!File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("GOMIRROR_ACCEPT_GOLDEN") == "1")
            {
                File.WriteAllBytes(source, JsonText.Utf8NoBom.GetBytes(actual));
                return;
            }

            Assert.Fail($"Golden file {name} does not exist. Run the tests once with GOMIRROR_ACCEPT_GOLDEN=1 to write {source}, review it, and commit it.");
        }

        var expected = File.ReadAllBytes(path);
        var bytes = JsonText.Utf8NoBom.GetBytes(actual);
        if (!expected.AsSpan().SequenceEqual(bytes))
        {
            Assert.Equal(JsonText.Utf8NoBom.GetString(expected), actual);
            Assert.Fail($"{name}: same text, different bytes (BOM or encoding).");
        }
    }
}
