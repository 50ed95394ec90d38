namespace Checkout.Testing;

using System.Collections.Concurrent;
using Checkout.Acquiring;

/// <summary>What the test acquirer does with the next token charge.</summary>
public enum TokenChargeBehaviour
{
    Approve,
    Decline,
    Revoke,

    /// <summary>Unreachable: nothing charged, the outcome unknown to the app.</summary>
    Unavailable,

    /// <summary>Refuses the request itself (a 4xx: our settings, or a charge this acquirer cannot make); nothing charged.</summary>
    Reject,

    /// <summary>Charges and answers, but the answer never reaches the app (a timeout after the acquirer answered).</summary>
    AnswerThenTimeOut,

    /// <summary>Charges and answers, then the app's process dies before it records the answer.</summary>
    AnswerThenCrash,

    /// <summary>Charges, and the answer never comes back until the charge is canceled: the app dies with the charge in flight.</summary>
    AnswerThenHang,
}

/// <summary>
/// The acquirer's side of every token charge, shared by every app (and instance) in a test: each call, and the one
/// answer per idempotency key (a key seen before gets its first answer back and charges nothing more).
/// </summary>
public sealed class TokenChargeLedger
{
    public ConcurrentQueue<TokenChargeRequest> Calls { get; } = new();

    /// <summary>Charges made: the first answer given to each idempotency key.</summary>
    public ConcurrentDictionary<string, TokenChargeResult> Charges { get; } = new(StringComparer.Ordinal);

    public int CallsWith(string idempotencyKey) => Calls.Count(c => c.IdempotencyKey == idempotencyKey);

    /// <summary>Every idempotency key sent for one charge key (a subscription's period).</summary>
    public IReadOnlyList<string> KeysFor(string chargeKey) =>
        [.. Calls.Select(c => c.IdempotencyKey).Where(k => k.StartsWith(chargeKey + "-attempt-", StringComparison.Ordinal)).Distinct()];
}

/// <summary>An idempotent acquirer for renewals that can be told to approve, decline, revoke, be down, or answer and then lose the answer.</summary>
public sealed class RecordingTokenCharger(TokenChargeLedger ledger, TimeSpan? delay = null) : ITokenCharger
{
    public Func<TokenChargeRequest, TokenChargeBehaviour> Behaviour { get; set; } = _ => TokenChargeBehaviour.Approve;

    public async Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken)
    {
        ledger.Calls.Enqueue(request);
        if (delay is { } pause)
        {
            await Task.Delay(pause, cancellationToken);
        }
        var behaviour = Behaviour(request);
        if (behaviour == TokenChargeBehaviour.Unavailable)
        {
            throw new AcquirerUnavailableException("The acquirer is down (test).");
        }
        if (behaviour == TokenChargeBehaviour.Reject)
        {
            throw new AcquirerRejectedException("The acquirer refused the request (test).");
        }
        var answer = ledger.Charges.GetOrAdd(request.IdempotencyKey, _ => behaviour switch
        {
            TokenChargeBehaviour.Decline => new TokenChargeResult(TokenChargeStatus.Declined, null, "Declined by the test acquirer."),
            TokenChargeBehaviour.Revoke => new TokenChargeResult(TokenChargeStatus.TokenRevoked, null, "PERMANENT: the customer token has been revoked."),
            _ => new TokenChargeResult(TokenChargeStatus.Approved, $"pay-{Guid.NewGuid():N}", null),
        });
        if (behaviour == TokenChargeBehaviour.AnswerThenHang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        return behaviour switch
        {
            TokenChargeBehaviour.AnswerThenTimeOut => throw new AcquirerUnavailableException("Timed out after the acquirer answered (test)."),
            TokenChargeBehaviour.AnswerThenCrash => throw new InvalidOperationException("The process died after the acquirer answered (test)."),
            _ => answer,
        };
    }
}
