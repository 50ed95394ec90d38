namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

/// <summary>The model on SQLite; its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCheckoutDbContext(DbContextOptions<SqliteCheckoutDbContext> options) : CheckoutDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // SQLite cannot compare or order DateTimeOffset text; store it as a sortable number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}

/// <summary>For <c>dotnet ef migrations add ... --context SqliteCheckoutDbContext</c>; it never opens the database.</summary>
public sealed class SqliteCheckoutDbContextFactory : IDesignTimeDbContextFactory<SqliteCheckoutDbContext>
{
    public SqliteCheckoutDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCheckoutDbContext>().UseSqlite(DatabaseProviders.DefaultSqliteConnection).Options);
}
