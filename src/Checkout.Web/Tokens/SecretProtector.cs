namespace Checkout.Web.Tokens;

using Microsoft.AspNetCore.DataProtection;

/// <summary>Encrypts what Klarna hands us (tokens, webhook bodies) before it touches the database.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Checkout.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
