namespace Checkout.Benchmarks.Micro;

using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Checkout.Klarna.Webhooks;

/// <summary><see cref="WebhookSignatureVerifier.Verify"/> on a 1.3 KB envelope, beside a bare HMAC as its floor.</summary>
public class WebhookSignatureBenchmarks
{
    private const string KeyId = "bench";
    private readonly string _secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private WebhookSignatureVerifier _verifier = null!;
    private byte[] _key = null!;
    private byte[] _body = null!;
    private string _hexSignature = "";
    private string _base64Signature = "";
    private string _wrongSignature = "";

    [GlobalSetup]
    public void Setup()
    {
        _verifier = new WebhookSignatureVerifier(new Dictionary<string, string> { [KeyId] = _secret, ["old"] = "retired" });
        _key = Encoding.UTF8.GetBytes(_secret);
        _body = Samples.WebhookBody(Guid.NewGuid().ToString());
        _hexSignature = WebhookSignatureVerifier.Sign(_secret, _body);
        _base64Signature = Convert.ToBase64String(HMACSHA256.HashData(_key, _body));
        _wrongSignature = new string('0', 64);
    }

    [Benchmark(Baseline = true, Description = "HMACSHA256.HashData (floor)")]
    public byte[] BareHmac() => HMACSHA256.HashData(_key, _body);

    [Benchmark(Description = "Verify, hex, valid")]
    public SignatureCheck VerifyHex() => _verifier.Verify(KeyId, _hexSignature, _body);

    [Benchmark(Description = "Verify, base64, valid")]
    public SignatureCheck VerifyBase64() => _verifier.Verify(KeyId, _base64Signature, _body);

    [Benchmark(Description = "Verify, hex, mismatch")]
    public SignatureCheck VerifyMismatch() => _verifier.Verify(KeyId, _wrongSignature, _body);
}
