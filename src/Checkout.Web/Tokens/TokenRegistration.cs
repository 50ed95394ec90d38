namespace Checkout.Web.Tokens;

using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;

public static class TokenRegistration
{
    /// <summary>
    /// Customer tokens encrypted at rest with Data Protection, whose keys live in the database with the tokens they protect
    /// (so a restart can still read every token), encrypted there with the configured certificate.
    /// </summary>
    public static IServiceCollection AddTokenVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("Checkout")
            .PersistKeysToDbContext<CheckoutDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        // Outside Development the start is refused without that certificate: a copy of the database alone must not read the tokens.
        services.AddKeyRingProtectionCheck();
        services.AddSingleton<SecretProtector>();
        services.AddScoped<ICustomerTokenVault, DataProtectionTokenVault>();
        return services;
    }
}
