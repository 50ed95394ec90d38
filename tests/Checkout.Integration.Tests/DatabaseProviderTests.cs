namespace Checkout.Integration.Tests;

using Checkout.Web.Infrastructure.Persistence;

/// <summary>Which database a context writes to decides how the hot paths write (the group commit on SQLite only).</summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public void Each_context_is_told_apart_by_its_provider_every_time_it_is_asked()
    {
        using var sqlite = new SqliteCheckoutDbContextFactory().CreateDbContext([]);
        using var postgres = new PostgresCheckoutDbContextFactory().CreateDbContext([]);

        // Asked twice: the second answer comes from what the first one learnt about the provider.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(DatabaseProvider.Sqlite, DatabaseProviders.Of(sqlite));
            Assert.Equal(DatabaseProvider.Postgres, DatabaseProviders.Of(postgres));
        }
    }
}
