namespace Checkout.Integration.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Every SQLite connection the app opens, fresh or from the pool, waits for a competing writer inside SQLite
/// instead of failing busy or sleeping in the client.
/// </summary>
public sealed class SqliteBusyTimeoutTests
{
    private readonly CheckoutAppFactory app = SharedApp.Default.App;
    [Fact]
    public async Task Each_open_of_the_apps_connection_has_SQLites_busy_timeout()
    {
        for (var open = 0; open < 3; open++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                Assert.Equal((long)SqliteBusyTimeout.Milliseconds, await command.ExecuteScalarAsync());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
