using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.SumDb;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

public class NoteTests
{
    [Fact]
    public void Verifier_keys_parse_with_Go_s_key_hash()
    {
        var v = SumDbVectors.Require();
        var verifier = NoteVerifier.TryParse(v.GetProperty("VerifierKey").GetString()!, out var problem);
        Assert.Null(problem);
        Assert.NotNull(verifier);
        Assert.Equal("vectors.example", verifier.Name);
        Assert.Equal(v.GetProperty("KeyHash").GetString(), verifier.KeyHash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));

        var golang = NoteVerifier.TryParse(ChecksumDatabase.SumGolangOrgKey, out _);
        Assert.NotNull(golang);
        Assert.Equal(0x033de0aeu, golang.KeyHash);
    }

    [Theory]
    [InlineData("sum.golang.org", "malformed")]
    [InlineData("sum.golang.org+033de0ae+", "malformed")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "hash")]
    [InlineData("sum golang+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "malformed")]
    [InlineData("sum.golang.org+033de0ae+!!!", "malformed")]
    public void Bad_verifier_keys_are_refused_with_the_reason(string key, string reason)
    {
        Assert.Null(NoteVerifier.TryParse(key, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_head_signed_by_Go_opens_and_parses()
    {
        var v = SumDbVectors.Require();
        var verifier = NoteVerifier.Parse(v.GetProperty("VerifierKey").GetString()!);
        var signed = Encoding.UTF8.GetBytes(v.GetProperty("SignedTree").GetString()!);
        var note = SignedNote.Open(signed, verifier);
        Assert.Equal(v.GetProperty("TreeText").GetString(), note.Text);
        var tree = TreeHead.Parse(note.Text);
        Assert.Equal(300, tree.Size);
        Assert.Equal(v.GetProperty("TreeHashes")[299].GetString(), tree.Hash.ToString());
        Assert.Equal(note.Text, tree.Format());
    }

    [Fact]
    public void A_changed_text_is_a_bad_signature_and_another_key_is_no_signature()
    {
        var v = SumDbVectors.Require();
        var verifier = NoteVerifier.Parse(v.GetProperty("VerifierKey").GetString()!);
        var signed = v.GetProperty("SignedTree").GetString()!;

        var tampered = signed.Replace("\n300\n", "\n301\n", StringComparison.Ordinal);
        var bad = Assert.Throws<SumDbException>(() => SignedNote.Open(Encoding.UTF8.GetBytes(tampered), verifier));
        Assert.Equal(SumDbDiagnostics.BadSignature, bad.Descriptor);

        var other = NoteVerifier.Parse(v.GetProperty("OtherVerifierKey").GetString()!);
        var unknown = Assert.Throws<SumDbException>(() => SignedNote.Open(Encoding.UTF8.GetBytes(signed), other));
        Assert.Equal(SumDbDiagnostics.UnknownKey, unknown.Descriptor);
        Assert.Contains("vectors.example+", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("go.sum database tree\n1\nAAAA\n")]
    [InlineData("text without signatures\n")]
    [InlineData("text\n\nno dash line\n")]
    [InlineData("text\n\n\u2014 name AAAA")]
    [InlineData("text\u0001\n\n\u2014 name AAAAAAAA\n")]
    public void Malformed_notes_are_malformed_responses(string text)
    {
        var verifier = NoteVerifier.Parse(ChecksumDatabase.SumGolangOrgKey);
        var e = Assert.Throws<SumDbException>(() => SignedNote.Open(Encoding.UTF8.GetBytes(text), verifier));
        Assert.Equal(SumDbDiagnostics.MalformedResponse, e.Descriptor);
    }

    [Fact]
    public void Lookup_records_parse_as_Go_formats_them()
    {
        var v = SumDbVectors.Require();
        var formatted = v.GetProperty("FormattedRecord").GetString()!;
        var record = LookupRecord.Parse(Encoding.UTF8.GetBytes(formatted + "note text\n"));
        Assert.Equal(42, record.Id);
        Assert.Equal(v.GetProperty("Records")[42].GetString(), Encoding.UTF8.GetString(record.Text));
        Assert.Equal("note text\n", Encoding.UTF8.GetString(record.SignedTree));
        Assert.Equal(["example.com/m42 v1.0.42 h1:KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio="], record.LinesFor("example.com/m42", "v1.0.42"));

        foreach (var bad in new[] { "x\nline\n\n", "1\nno blank line\n", "1\n\n", "1\nbad\u0001\n\nnote\n" })
        {
            var e = Assert.Throws<SumDbException>(() => LookupRecord.Parse(Encoding.UTF8.GetBytes(bad)));
            Assert.Equal(SumDbDiagnostics.MalformedResponse, e.Descriptor);
        }

        foreach (var bad in new[] { "go.sum database tree\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "go.sum database tree\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "go.sum database tree\n1\n47DEQ\n", "tree\n1\n2\n" })
        {
            Assert.Throws<SumDbException>(() => TreeHead.Parse(bad));
        }
    }
}
