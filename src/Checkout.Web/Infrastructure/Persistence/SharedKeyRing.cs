namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Creates the first Data Protection key once for every instance, under a PostgreSQL advisory lock, so no
/// instance encrypts a token with a key the others have not seen. Later keys are made by Data Protection
/// itself days before they activate, and every instance reads them from the database in time.
/// </summary>
public sealed class SharedKeyRing(CheckoutDbContext db, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider clock)
{
    // pg_advisory_lock key: "Ck_keys!" as a bigint.
    private const string Lock = "SELECT pg_advisory_lock(4858081537917809441);";
    private const string Unlock = "SELECT pg_advisory_unlock(4858081537917809441);";

    public async Task EnsureActiveKeyAsync(CancellationToken cancellationToken)
    {
        var postgres = DatabaseProviders.Of(db) == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync(Lock, cancellationToken);
            }
            try
            {
                var now = clock.GetUtcNow();
                if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                {
                    keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
                }
            }
            finally
            {
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync(Unlock, CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
