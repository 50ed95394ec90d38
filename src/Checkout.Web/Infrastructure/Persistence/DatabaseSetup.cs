namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;

public static class DatabaseSetup
{
    /// <summary>Creates the schema when the database is new, and turns on SQLite's write-ahead log.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        await db.Database.EnsureCreatedAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
