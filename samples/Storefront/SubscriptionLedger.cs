namespace Storefront;

using System.Text.Json;

/// <summary>What the store last learned of one subscription, from the newest event about it.</summary>
public sealed record SubscriptionFacts(
    Guid Id, string Status, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? NextRetryAt, string? Reason, DateTimeOffset LearnedAt);

/// <summary>
/// One shopper of the store: the session they last opened, whether the checkout sent them back to the success page (a
/// hint, never proof of payment), and the subscription the session became.
/// </summary>
public sealed record Account(string Id, Guid? SessionId = null, bool Returned = false, Guid? SubscriptionId = null);

/// <summary>
/// What the store knows, in memory (a restart forgets it; a real store keeps it in its database and catches up with
/// <c>GET /api/v1/events</c>). Events may come twice or out of order: each is applied once, by its id, and an older
/// event never overwrites what a newer one said.
/// </summary>
public sealed class SubscriptionLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, SubscriptionFacts> _subscriptions = [];
    private readonly HashSet<string> _seenEvents = new(StringComparer.Ordinal);

    public Account AccountOf(string accountId)
    {
        lock (_lock)
        {
            return _accounts.GetValueOrDefault(accountId) ?? new Account(accountId);
        }
    }

    public SubscriptionFacts? Facts(Guid subscriptionId)
    {
        lock (_lock)
        {
            return _subscriptions.GetValueOrDefault(subscriptionId);
        }
    }

    public void SessionOpened(string accountId, Guid sessionId) => Update(accountId, a => new Account(accountId, sessionId));

    /// <summary>The checkout sent the shopper back to the success page for their own session.</summary>
    public void Returned(string accountId) => Update(accountId, a => a with { Returned = true });

    /// <summary>The checkout said (a session read, or an event with the store's reference) that the account's subscription is this one.</summary>
    public void Subscribed(string accountId, Guid subscriptionId) => Update(accountId, a => a with { SubscriptionId = subscriptionId });

    /// <summary>Applies one verified event; false when its id was seen before.</summary>
    public bool Record(JsonElement evt)
    {
        var id = evt.GetProperty("id").GetString()!;
        var at = evt.GetProperty("timestamp").GetDateTimeOffset();
        var data = evt.GetProperty("data");
        lock (_lock)
        {
            if (!_seenEvents.Add(id))
            {
                return false;
            }
            var subscriptionId = SubscriptionIdOf(data);
            if (subscriptionId is { } linked && Text(data, "client_reference_id") is { } accountId)
            {
                Subscribed(accountId, linked);
            }
            if (Text(data, "object") == "subscription" && subscriptionId is { } sid
                && (!_subscriptions.TryGetValue(sid, out var known) || known.LearnedAt <= at))
            {
                var attempt = data.TryGetProperty("last_attempt", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                _subscriptions[sid] = new SubscriptionFacts(
                    sid,
                    Text(data, "status")!,
                    data.GetProperty("current_period_end").GetDateTimeOffset(),
                    attempt.ValueKind == JsonValueKind.Object && Text(attempt, "next_retry_at") is { } retry ? DateTimeOffset.Parse(retry, System.Globalization.CultureInfo.InvariantCulture) : null,
                    Text(data, "cancellation_reason") ?? (attempt.ValueKind == JsonValueKind.Object ? Text(attempt, "reason") : null),
                    at);
            }
            return true;
        }
    }

    private void Update(string accountId, Func<Account, Account> change)
    {
        lock (_lock)
        {
            _accounts[accountId] = change(_accounts.GetValueOrDefault(accountId) ?? new Account(accountId));
        }
    }

    /// <summary>A subscription's own id, or a completed session's <c>subscription_id</c>.</summary>
    private static Guid? SubscriptionIdOf(JsonElement data) =>
        Text(data, "object") == "subscription" ? Guid.Parse(Text(data, "id")!)
        : Text(data, "subscription_id") is { } id && Guid.TryParse(id, out var parsed) ? parsed
        : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
