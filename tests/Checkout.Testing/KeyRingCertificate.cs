namespace Checkout.Testing;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

/// <summary>
/// A self-signed PKCS#12 file with an RSA key for <c>DataProtection:CertificatePath</c>, which every start outside
/// Development requires; deleted when disposed.
/// </summary>
public sealed class KeyRingCertificate : IDisposable
{
    public const string Password = "key-ring-test-password";

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"checkout-key-ring-{Guid.NewGuid():N}.pfx");

    public static KeyRingCertificate Write()
    {
        var written = new KeyRingCertificate();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Checkout key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(written.Path, certificate.Export(X509ContentType.Pfx, Password));
        return written;
    }

    public void Dispose() => File.Delete(Path);
}
