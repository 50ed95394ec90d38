namespace Checkout.Integration.Tests;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> set, the key ring in the database is encrypted, and every instance
/// holding the certificate still reads what any other protected.
/// </summary>
public sealed class KeyRingEncryptionTests : IDisposable
{
    private const string Password = "key-ring-test-password";

    private readonly string _directory = Directory.CreateTempSubdirectory("checkout-keyring-").FullName;

    [Fact]
    public async Task Keys_are_stored_encrypted_and_another_instance_with_the_certificate_reads_the_tokens()
    {
        var settings = Settings(WriteCertificate("current.pfx"));
        string protectedToken;
        using (var first = CheckoutAppFactory.With(null, 0, settings, null))
        {
            first.EnsureStarted();
            protectedToken = first.Services.GetRequiredService<SecretProtector>().Protect("klarna-customer-token");

            using var second = CheckoutAppFactory.With(first.DatabasePath, 0, settings, null);
            second.EnsureStarted();
            Assert.Equal("klarna-customer-token", second.Services.GetRequiredService<SecretProtector>().Unprotect(protectedToken));

            await using var scope = first.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Keys_written_under_a_previous_certificate_stay_readable_after_a_rotation()
    {
        var old = WriteCertificate("old.pfx");
        using var before = CheckoutAppFactory.With(null, 0, Settings(old), null);
        before.EnsureStarted();
        var protectedToken = before.Services.GetRequiredService<SecretProtector>().Protect("klarna-customer-token");

        var rotated = Settings(WriteCertificate("new.pfx"));
        rotated["DataProtection:PreviousCertificates:0:Path"] = old;
        rotated["DataProtection:PreviousCertificates:0:Password"] = Password;
        using var after = CheckoutAppFactory.With(before.DatabasePath, 0, rotated, null);
        after.EnsureStarted();

        Assert.Equal("klarna-customer-token", after.Services.GetRequiredService<SecretProtector>().Unprotect(protectedToken));
    }

    [Fact]
    public void A_certificate_that_cannot_be_loaded_stops_the_start_naming_the_setting_and_not_the_password()
    {
        var settings = Settings(WriteCertificate("current.pfx"));
        settings[KeyRingEncryption.PasswordKey] = "not-the-password";
        using var app = CheckoutAppFactory.With(null, 0, settings, null);

        var messages = string.Join('\n', ExceptionChain.Flatten(Assert.ThrowsAny<Exception>(app.EnsureStarted)).Select(e => e.Message));

        Assert.Contains(KeyRingEncryption.PathKey, messages, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", messages, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> Settings(string certificatePath) => new()
    {
        [KeyRingEncryption.PathKey] = certificatePath,
        [KeyRingEncryption.PasswordKey] = Password,
    };

    private string WriteCertificate(string fileName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Checkout key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, fileName);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
