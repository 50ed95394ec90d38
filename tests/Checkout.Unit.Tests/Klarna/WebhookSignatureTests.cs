namespace Checkout.Unit.Tests.Klarna;

using System.Text;
using Checkout.Klarna.Webhooks;

/// <summary>
/// The expected signatures were computed outside .NET, with
/// <c>printf '%s' BODY | openssl dgst -sha256 -hmac whsec_test_5f1c0e</c> (hex) and the same with
/// <c>-binary | base64</c>.
/// </summary>
public sealed class WebhookSignatureTests
{
    private const string Body = """{"metadata":{"event_type":"payment.request.state-change.completed","event_id":"d9f9b1a0-5b1a-4b0e-9b0a-9e9b1a0d5b1a"}}""";
    private const string HexSignature = "4e6218028b04f145cf82fc8e2b032a89474b7d8e39f168200073f5efc61965e4";
    private const string Base64Signature = "TmIYAosE8UXPgvyOKwMqiUdLfY458WggAHP178YZZeQ=";

    private static readonly WebhookSignatureVerifier Verifier = new(new Dictionary<string, string>
    {
        ["key-2026"] = "whsec_test_5f1c0e",
        ["key-2025"] = "whsec_old_rotating_out",
    });

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Hex_signature_from_the_test_vector_is_valid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier.Verify("key-2026", HexSignature, Bytes(Body)));

    [Fact]
    public void Upper_case_hex_and_base64_signatures_are_valid()
    {
        Assert.Equal(SignatureCheck.Valid, Verifier.Verify("key-2026", HexSignature.ToUpperInvariant(), Bytes(Body)));
        Assert.Equal(SignatureCheck.Valid, Verifier.Verify("key-2026", Base64Signature, Bytes(Body)));
    }

    [Fact]
    public void Tampered_body_is_a_mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier.Verify("key-2026", HexSignature, Bytes(Body.Replace("completed", "declined", StringComparison.Ordinal))));

    [Fact]
    public void Signature_made_with_another_active_key_does_not_pass_for_this_key() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier.Verify("key-2025", HexSignature, Bytes(Body)));

    [Fact]
    public void Old_key_still_verifies_its_own_signatures_during_rotation() =>
        Assert.Equal(SignatureCheck.Valid, Verifier.Verify("key-2025", WebhookSignatureVerifier.Sign("whsec_old_rotating_out", Bytes(Body)), Bytes(Body)));

    [Fact]
    public void Unknown_key_id_is_refused() =>
        Assert.Equal(SignatureCheck.UnknownKey, Verifier.Verify("key-1999", HexSignature, Bytes(Body)));

    [Theory]
    [InlineData(null, HexSignature)]
    [InlineData("key-2026", null)]
    [InlineData("", HexSignature)]
    [InlineData("key-2026", " ")]
    public void Missing_headers_are_refused(string? keyId, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeader, Verifier.Verify(keyId, signature, Bytes(Body)));

    [Theory]
    [InlineData("not-a-signature")]
    [InlineData("zz6218028b04f145cf82fc8e2b032a89474b7d8e39f168200073f5efc61965e4")]
    [InlineData("4e6218028b04f145")]
    public void Malformed_signatures_are_refused(string signature) =>
        Assert.Equal(SignatureCheck.Malformed, Verifier.Verify("key-2026", signature, Bytes(Body)));

    [Fact]
    public void Sign_matches_the_independent_vector() =>
        Assert.Equal(HexSignature, WebhookSignatureVerifier.Sign("whsec_test_5f1c0e", Bytes(Body)));
}
