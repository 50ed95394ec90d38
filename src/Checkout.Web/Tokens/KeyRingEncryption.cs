namespace Checkout.Web.Tokens;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

/// <summary>
/// Encrypts the Data Protection key ring at rest with a certificate. The keys live in the same database as
/// the customer tokens they protect, so stored as plain XML anyone who can read the database (or a backup)
/// can read every token. Every instance loads the same certificate; certificates used before it can still be
/// listed, so keys written under them stay readable after a rotation. Unset, keys are stored as plain XML
/// and ASP.NET Core warns at start-up.
/// </summary>
public static class KeyRingEncryption
{
    public const string PathKey = "DataProtection:CertificatePath";
    public const string PasswordKey = "DataProtection:CertificatePassword";
    public const string PreviousSection = "DataProtection:PreviousCertificates";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }
        var current = Load(path, configuration[PasswordKey], PathKey);
        var previous = configuration.GetSection(PreviousSection).GetChildren()
            .Select(c => Load(c["Path"], c["Password"], $"{PreviousSection}:{c.Key}:Path"));
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    /// <summary>Outside Development, refuses the start without the certificate, naming <c>DataProtection:CertificatePath</c>.</summary>
    public static IServiceCollection AddKeyRingProtectionCheck(this IServiceCollection services)
    {
        services.AddOptions<KeyRingProtectionSettings>().BindConfiguration(KeyRingProtectionSettings.Section)
            .Validate<IHostEnvironment>((s, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(s.CertificatePath), KeyRingProtectionSettings.Required)
            .ValidateOnStart();
        return services;
    }

    private static X509Certificate2 Load(string? path, string? password, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException($"{setting} is missing: name the certificate's PKCS#12 (.pfx) file.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The password is not in the message: it is a secret.
            throw new InvalidOperationException(
                $"{setting} names '{path}', which could not be loaded as a PKCS#12 (.pfx) file with its password: {e.Message}", e);
        }
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            throw new InvalidOperationException(
                $"{setting} names '{path}', whose certificate has no RSA private key: Data Protection needs one to decrypt its keys.");
        }
        return certificate;
    }
}
