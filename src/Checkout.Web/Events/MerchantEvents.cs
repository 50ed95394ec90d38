namespace Checkout.Web.Events;

using System.Text.Json;
using System.Text.Json.Serialization;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

/// <summary>
/// The outbox's one door. <see cref="Add"/> stages an event and one delivery per endpoint that wants its type in
/// <paramref name="db"/>'s change tracker, so the caller's own <c>SaveChanges</c> (inside its transaction, if it has
/// one) stores them with the change they report, or neither.
/// </summary>
public static class MerchantEvents
{
    /// <summary>How long after it happened an event can still be delivered.</summary>
    public static readonly TimeSpan DeliverFor = TimeSpan.FromDays(3);

    /// <summary>The body's JSON: snake_case names, absent values left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Stages event <paramref name="type"/> (one of <see cref="MerchantEventTypes"/>) about <paramref name="data"/>, an
    /// object of ids, statuses and amounts: never a customer token or a secret. Returns the event's id.
    /// </summary>
    public static string Add(CheckoutDbContext db, string type, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        if (!MerchantEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"'{type}' is not a merchant event type.", nameof(type));
        }
        var now = db.GetService<TimeProvider>().GetUtcNow();
        var endpoints = db.GetService<IOptions<MerchantWebhookSettings>>().Value.Endpoints;
        var id = NewId(now);
        var body = Body(id, type, now, data);
        db.Add(new OutboxEvent { Id = id, Type = type, CreatedAt = now, Payload = body });
        foreach (var (name, endpoint) in endpoints.Where(e => e.Value.Wants(type)))
        {
            db.Add(new EventDelivery
            {
                Id = Guid.CreateVersion7(now),
                EventId = id,
                Endpoint = name,
                Status = EventDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
                GiveUpAt = now + DeliverFor,
            });
        }
        return id;
    }

    /// <summary>Time-ordered, so ids sort roughly as the events happened.</summary>
    public static string NewId(DateTimeOffset now) => $"evt_{Guid.CreateVersion7(now):N}";

    public static string Body(string id, string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new EventBody(id, type, timestamp, data), Json);

    /// <summary>Forgets what <see cref="Add"/> staged when the caller's save is abandoned (a lost insert race).</summary>
    public static void Discard(CheckoutDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is OutboxEvent or EventDelivery).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private sealed record EventBody(string Id, string Type, DateTimeOffset Timestamp, object Data);
}
