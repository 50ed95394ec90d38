namespace Checkout.Web.Tokens;

/// <summary>Settings under <c>DataProtection:</c> as far as start-up checks them: how the key ring is protected at rest.</summary>
public sealed class KeyRingProtectionSettings
{
    public const string Section = "DataProtection";

    public const string Required =
        "DataProtection:CertificatePath is required outside Development: a PKCS#12 (.pfx) certificate with an RSA key that encrypts the key ring stored beside the tokens it protects (docs/operations.md#data-protection-keys).";

    /// <summary>The certificate <see cref="KeyRingEncryption"/> encrypts the key ring with.</summary>
    public string? CertificatePath { get; set; }
}
