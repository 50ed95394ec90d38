using System.Collections.Concurrent;
using System.Net;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

/// <summary>
/// Every customer-token charge Klarna's emulator decided, by its <c>payment_transaction_reference</c>, so a benchmark
/// or a developer can count what the merchant was charged: an idempotent replay is no new decision and is not counted.
/// </summary>
internal sealed class TokenChargeLedger
{
    private readonly ConcurrentDictionary<string, int> _approvals = new(StringComparer.Ordinal);
    private long _approved;
    private long _declined;

    public void Approved(string reference)
    {
        _approvals.AddOrUpdate(reference, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _approved);
    }

    public void Declined() => Interlocked.Increment(ref _declined);

    public TokenChargeSummary Summary() => new(
        Interlocked.Read(ref _approved),
        _approvals.Count,
        _approvals.Count(a => a.Value > 1),
        Interlocked.Read(ref _declined));
}

/// <summary>Approved charges, the distinct references they paid, the references paid more than once, and declines.</summary>
internal sealed record TokenChargeSummary(long Approved, long References, long ReferencesChargedMoreThanOnce, long Declined);

/// <summary><c>GET /sandbox/klarna/token-charges</c>: the ledger's summary, mapped in Development only, answered to callers on this machine only.</summary>
internal static class TokenChargeLedgerEndpoint
{
    public static void MapTokenChargeLedger(this WebApplication app) =>
        app.MapGet("/sandbox/klarna/token-charges", Read).ExcludeFromDescription();

    private static IResult Read(HttpContext context, TokenChargeLedger ledger) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? Results.Json(ledger.Summary(), SandboxJson.SnakeCase)
            : Results.NotFound();
}
