namespace Checkout.Web.Subscriptions;

using System.Globalization;
using System.Security.Cryptography;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>Settings under <c>ShopperLinks:</c>.</summary>
public sealed class ShopperLinkSettings
{
    public const string Section = "ShopperLinks";

    /// <summary>How long a link to the shopper's subscription page works after it was issued.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>A link issued to the shopper: the path to their page and when it stops working.</summary>
public sealed record ShopperLink(string Path, DateTimeOffset ExpiresAt);

/// <summary>What a link's token says, read against the subscription's current link version and the clock.</summary>
public abstract record ShopperLinkState
{
    public sealed record Valid(Guid SubscriptionId) : ShopperLinkState;

    /// <summary>Past its lifetime, or revoked (issued under an older version): the page says how to get a new one.</summary>
    public sealed record Stale : ShopperLinkState;

    /// <summary>Not a token of ours: altered, made with another key ring, or made up.</summary>
    public sealed record Invalid : ShopperLinkState;
}

/// <summary>
/// The shopper's links to their subscription page, issued here only: to the browser that paid (the confirmation page) or,
/// through the merchant, to the shopper. A link names the subscription, the subscription's link version and an expiry,
/// protected with the app's key ring; it works until it expires or <see cref="IssueReplacingAsync"/> raises the version.
/// </summary>
public sealed class ShopperLinks(IDataProtectionProvider provider, CheckoutDbContext db, TimeProvider clock, IOptions<ShopperLinkSettings> settings)
{
    public const string Purpose = "Checkout.Subscriptions.ShopperLink.v2";

    private const string PathPrefix = "/subscription/";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>A new link to <paramref name="subscriptionId"/>'s page, working for <paramref name="lifetime"/> (default <c>ShopperLinks:Lifetime</c>).</summary>
    public async Task<ShopperLink> IssueAsync(Guid subscriptionId, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(subscriptionId, cancellationToken);
        return Issue(subscriptionId, version, lifetime ?? settings.Value.Lifetime);
    }

    /// <summary>
    /// Voids every link issued so far for the subscription and issues one that works for <paramref name="lifetime"/>. The
    /// version goes up in a transaction that reads the value it wrote: of links asked for at once, each gets a version of
    /// its own, only the last one works, and none fails on the other's write.
    /// </summary>
    public async Task<ShopperLink> IssueReplacingAsync(Guid subscriptionId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        // Version 0 is what a subscription without the row has: inserting it voids nothing, and it lets the raise below
        // be one conditional update (in PostgreSQL, a failed insert inside the transaction would end the transaction).
        await db.TryInsertOnceAsync(new ShopperLinkVersion { SubscriptionId = subscriptionId, Version = 0 }, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ShopperLinkVersions.Where(v => v.SubscriptionId == subscriptionId)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        var version = await VersionAsync(subscriptionId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Issue(subscriptionId, version, lifetime);
    }

    public async Task<ShopperLinkState> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (Unprotect(token) is not { } payload)
        {
            return new ShopperLinkState.Invalid();
        }
        var parts = payload.Split('.');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var id)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var version)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires))
        {
            return new ShopperLinkState.Invalid();
        }
        var current = clock.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(expires) && version == await VersionAsync(id, cancellationToken);
        return current ? new ShopperLinkState.Valid(id) : new ShopperLinkState.Stale();
    }

    /// <summary>A request path with the link's token replaced, for logs and traces: the link is all a shopper needs to cancel.</summary>
    public static string Redact(string path)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        var rest = path.AsSpan(PathPrefix.Length);
        var slash = rest.IndexOf('/');
        return PathPrefix + "{token}" + (slash < 0 ? "" : rest[slash..].ToString());
    }

    private ShopperLink Issue(Guid subscriptionId, int version, TimeSpan lifetime)
    {
        var expiresAt = clock.GetUtcNow() + lifetime;
        var token = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{subscriptionId:N}.{version}.{expiresAt.ToUnixTimeSeconds()}"));
        return new ShopperLink(PathPrefix + token, expiresAt);
    }

    private Task<int> VersionAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        db.ShopperLinkVersions.AsNoTracking().Where(v => v.SubscriptionId == subscriptionId).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    private string? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
