namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

/// <summary>The model on PostgreSQL; its migrations are in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresCheckoutDbContext(DbContextOptions<PostgresCheckoutDbContext> options) : CheckoutDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // PostgreSQL's timestamp with time zone holds an instant; Npgsql accepts only UTC offsets.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
}

/// <summary>
/// For <c>dotnet ef migrations add ... --context PostgresCheckoutDbContext</c>: adding a migration never
/// connects, so the connection string only has to parse.
/// </summary>
public sealed class PostgresCheckoutDbContextFactory : IDesignTimeDbContextFactory<PostgresCheckoutDbContext>
{
    public PostgresCheckoutDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCheckoutDbContext>().UseNpgsql("Host=localhost;Database=checkout").Options);
}
