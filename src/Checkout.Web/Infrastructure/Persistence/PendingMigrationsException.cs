namespace Checkout.Web.Infrastructure.Persistence;

/// <summary>The database lacks migrations this build needs and <c>Database:MigrateAtStartup</c> is false.</summary>
public sealed class PendingMigrationsException(IReadOnlyList<string> pending)
    : InvalidOperationException(
        $"The database lacks schema migrations {string.Join(", ", pending)} and Database:MigrateAtStartup is false: "
        + "run `dotnet run --project src/Checkout.Web -- migrate` (or `dotnet Checkout.Web.dll migrate`) with the same "
        + "settings first, or set Database:MigrateAtStartup=true.");
