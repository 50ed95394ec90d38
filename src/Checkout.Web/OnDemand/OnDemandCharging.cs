namespace Checkout.Web.OnDemand;

using Checkout.Acquiring;
using Checkout.Domain.OnDemand;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Checkout.Domain.Tokens;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Charges a ride on the rides customer's stored token, once per merchant idempotency key. The acquirer is asked with a
/// key derived from the charge, so a retry (of ours, or the merchant's with the same key) cannot charge twice.
/// </summary>
public sealed partial class OnDemandCharging(
    CheckoutDbContext db,
    OnDemandChargeStore charges,
    ICustomerTokenVault vault,
    ICustomerPresentCharger charger,
    PlanCatalog catalog,
    IOptions<OnDemandSettings> settings,
    TimeProvider clock,
    ILogger<OnDemandCharging> log)
{
    public static readonly string CustomerPresentScope = PaymentRequestFactory.ScopeName(TokenScope.CustomerPresent);

    public static Uri ReturnUrl(Uri siteBase, Guid chargeId) => new(siteBase, $"on-demand/charges/{chargeId}/return");

    public async Task<RideChargeOutcome> ChargeAsync(string idempotencyKey, RideChargeInput input, Uri siteBase, CancellationToken cancellationToken)
    {
        var digest = input.Digest();
        if (await charges.FindByKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, digest, siteBase, cancellationToken);
        }

        var refusal = await CheckCustomerAsync(input, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (charge, created) = await charges.OpenAsync(
            OnDemandCharge.Open(input.CustomerId, idempotencyKey, digest, input.Amount, input.RideReference, clock.GetUtcNow()), cancellationToken);
        return created
            ? await SendAsync(charge, created: true, siteBase, cancellationToken)
            : await ReplayAsync(charge, digest, siteBase, cancellationToken);
    }

    private async Task<RideChargeOutcome> ReplayAsync(OnDemandCharge charge, string digest, Uri siteBase, CancellationToken cancellationToken)
    {
        if (!string.Equals(charge.RequestDigest, digest, StringComparison.Ordinal))
        {
            return new RideChargeOutcome.KeyReused();
        }
        // Still pending: the first answer was lost (or is on its way); ask again under the same acquirer key.
        return charge.Status == OnDemandChargeStatus.Pending
            ? await SendAsync(charge, created: false, siteBase, cancellationToken)
            : new RideChargeOutcome.Charged(charge, Created: false);
    }

    private async Task<RideChargeOutcome?> CheckCustomerAsync(RideChargeInput input, CancellationToken cancellationToken)
    {
        var signUp = await db.Orders.AsNoTracking()
            .Where(o => o.Id == input.CustomerId)
            .Select(o => new { o.PlanId, Scope = db.CustomerTokens.Where(t => t.OrderId == o.Id).Select(t => t.Scope).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (signUp?.Scope is null)
        {
            return new RideChargeOutcome.UnknownCustomer();
        }
        if (signUp.Scope != CustomerPresentScope || catalog.Find(signUp.PlanId) is not { Kind: PlanKind.OnDemand } plan)
        {
            return new RideChargeOutcome.WrongScope(
                $"This customer's Klarna token has the scope {signUp.Scope}; rides need {CustomerPresentScope} (an on-demand sign-up).");
        }
        if (plan.Price.Currency.Code != input.Amount.Currency.Code)
        {
            return new RideChargeOutcome.WrongCurrency($"The customer signed up for {plan.Name} in {plan.Price.Currency.Code}; charge rides in {plan.Price.Currency.Code}.");
        }
        return OutOfBounds(input.Amount, plan, settings.Value.MaxChargeMinorUnits);
    }

    /// <summary>The plan's on-demand minimum and maximum per charge (what Klarna was told at sign-up), and the shop's ceiling.</summary>
    public static RideChargeOutcome.AmountOutOfBounds? OutOfBounds(Money amount, Plan plan, long ceiling)
    {
        var (minimum, maximum) = (plan.OnDemandMinimumMinorUnits, plan.OnDemandMaximumMinorUnits);
        return amount.MinorUnits < minimum ? Bound("at least", minimum, "the plan's on-demand minimum per charge")
            : maximum > 0 && amount.MinorUnits > maximum ? Bound("at most", maximum, "the plan's on-demand maximum per charge, as Klarna was told at sign-up")
            : amount.MinorUnits > ceiling ? Bound("at most", ceiling, "the shop's ceiling per ride (OnDemand:MaxChargeMinorUnits)")
            : null;

        RideChargeOutcome.AmountOutOfBounds Bound(string side, long bound, string what) =>
            new($"amount must be {side} {bound} ({new Money(bound, amount.Currency).Display()}), {what}.");
    }

    private async Task<RideChargeOutcome> SendAsync(OnDemandCharge charge, bool created, Uri siteBase, CancellationToken cancellationToken)
    {
        var token = await vault.FindAsync(charge.CustomerId, cancellationToken)
            ?? throw new InvalidOperationException($"The customer token of {charge.CustomerId} disappeared after the charge was opened.");
        // From here on the acquirer acts: its call (bounded by the pipeline's total timeout) and the write recording its
        // answer finish even when the merchant's app goes away, so the ride does not stay pending on a charge made.
        var upstream = CancellationToken.None;
        CustomerPresentChargeResult answer;
        try
        {
            answer = await charger.ChargeAsync(
                new CustomerPresentChargeRequest(charge.Reference, charge.Amount, token.Value, charge.AcquirerIdempotencyKey, ReturnUrl(siteBase, charge.Id)),
                upstream);
        }
        catch (AcquirerUnavailableException e)
        {
            LogUnknown(log, charge.Id, e.Message);
            return new RideChargeOutcome.Unavailable(charge, "The acquirer did not answer; send the same request with the same Idempotency-Key again.");
        }
        catch (AcquirerRejectedException e) when (e.StatusCode == StatusCodes.Status409Conflict)
        {
            // The acquirer refuses a key whose first request it is still answering: that answer is still to come.
            LogUnknown(log, charge.Id, e.Message);
            return new RideChargeOutcome.InProgress(charge);
        }
        catch (AcquirerRejectedException e)
        {
            // The acquirer refused the request itself (Worldline cannot charge tokens, a field it rejects): final for this charge.
            answer = new CustomerPresentChargeResult(CustomerPresentChargeStatus.Declined, null, null, null, e.Message);
        }

        await charges.TryRecordAsync(charge.Id, OnDemandChargeStatus.Pending, answer, upstream);
        var recorded = await charges.FindAsync(charge.Id, upstream) ?? charge;
        LogCharged(log, recorded.Id, recorded.Status, recorded.Reason);
        return new RideChargeOutcome.Charged(recorded, created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ride charge {ChargeId} is {Status} ({Reason})")]
    private static partial void LogCharged(ILogger logger, Guid chargeId, OnDemandChargeStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ride charge {ChargeId}: the acquirer's answer is unknown ({Detail}); it stays pending")]
    private static partial void LogUnknown(ILogger logger, Guid chargeId, string detail);
}
