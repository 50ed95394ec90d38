namespace Checkout.Benchmarks.Events;

using System.Globalization;
using Checkout.Benchmarks.Load;

/// <summary>
/// Each event's deliveries counted on both sides: in the app's ledger (deliveries and their status, successful attempts,
/// deliveries it recorded as delivered more than once, retried ones) and at the receiver (events it got, POSTs in all).
/// </summary>
public sealed record DeliveryCounts(
    long Events,
    long Deliveries,
    long Delivered,
    long SuccessfulAttempts,
    long RecordedDeliveredTwice,
    long Retried,
    long Received,
    long Posts,
    long MissingAtReceiver,
    long UnknownAtReceiver,
    long InvalidSignatures)
{
    /// <summary>
    /// Every event delivered, once as the app's ledger records it, and received with a valid signature; a receiver may
    /// still have been sent one again (at least once), which <see cref="Posts"/> shows.
    /// </summary>
    public bool OncePerLedger =>
        Deliveries == Events && Delivered == Deliveries && SuccessfulAttempts == Deliveries && RecordedDeliveredTwice == 0
        && Received == Events && MissingAtReceiver == 0 && UnknownAtReceiver == 0 && InvalidSignatures == 0;

    public static Task<long> DeliveredAsync(CheckoutApp app) => app.CountAsync("MerchantEventDeliveries", "\"Status\" = 'Delivered'");

    public static async Task<DeliveryCounts> ReadAsync(CheckoutApp app, LocalReceiver receiver)
    {
        var events = await EventIdsAsync(app);
        const string Success = "\"StatusCode\" BETWEEN 200 AND 299";
        return new DeliveryCounts(
            events.Count,
            await app.CountAsync("MerchantEventDeliveries"),
            await DeliveredAsync(app),
            await app.CountAsync("MerchantEventAttempts", Success),
            await app.ScalarAsync($"SELECT COUNT(*) FROM (SELECT \"DeliveryId\" FROM \"MerchantEventAttempts\" WHERE {Success} GROUP BY \"DeliveryId\" HAVING COUNT(*) > 1)"),
            await app.CountAsync("MerchantEventDeliveries", "\"Attempts\" > 1"),
            receiver.Received.Count,
            receiver.Posts,
            events.Count(id => !receiver.Received.ContainsKey(id)),
            receiver.Received.Keys.Count(id => !events.Contains(id)),
            receiver.Invalid);
    }

    private static async Task<HashSet<string>> EventIdsAsync(CheckoutApp app)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in app.StringsAsync("SELECT \"Id\" FROM \"MerchantEvents\""))
        {
            ids.Add(id);
        }
        return ids;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"app's ledger: {Events} events, {Deliveries} deliveries, {Delivered} delivered, {SuccessfulAttempts} successful attempts, "
        + $"{RecordedDeliveredTwice} deliveries recorded as delivered more than once, {Retried} retried; "
        + $"receiver: {Received} distinct events in {Posts} POSTs ({Posts - Received} sent again), {MissingAtReceiver} never received, "
        + $"{UnknownAtReceiver} not in the app's events, {InvalidSignatures} with a bad signature");
}
