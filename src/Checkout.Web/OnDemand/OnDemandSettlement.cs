namespace Checkout.Web.OnDemand;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.OnDemand;

/// <summary>
/// A stepped-up ride's result, from the acquirer's signed callback (through the inbox, like a sign-up's). The acquirer
/// finalized with Klarna once, after the shopper's journey; here its answer moves the charge on, once, whoever repeats it.
/// The shopper's return only reads the charge, so it cannot race this into a second authorization.
/// </summary>
public sealed partial class OnDemandSettlement(OnDemandChargeStore charges, ILogger<OnDemandSettlement> log)
{
    public const string ReferencePrefix = "ride-";

    /// <summary>False when the callback is not about a ride (a sign-up's, say).</summary>
    public async Task<bool> ApplyAsync(PartnerPayment payment, CancellationToken cancellationToken)
    {
        var charge = (payment.PaymentId is { } id ? await charges.FindByAcquirerPaymentAsync(id, cancellationToken) : null)
            ?? (ParseReference(payment.Reference) is { } chargeId ? await charges.FindAsync(chargeId, cancellationToken) : null);
        if (charge is null)
        {
            return payment.Reference?.StartsWith(ReferencePrefix, StringComparison.Ordinal) == true;
        }

        var networkData = payment.AdditionalData?.KlarnaNetworkResponseData;
        if (KlarnaTokenChargeResults.Read(payment.Status, networkData) is not (KlarnaTokenChargeResult.Approved or KlarnaTokenChargeResult.Declined))
        {
            return true;
        }

        var answer = CustomerPresentAnswer.Map(
            payment.Status, payment.PaymentId, payment.PaymentTransactionId, payment.Url, payment.FailureReason, payment.FailureMessage, networkData);
        if (await charges.TryRecordAsync(charge.Id, charge.Status, answer, cancellationToken))
        {
            LogSettled(log, charge.Id, answer.Status, answer.Reason);
        }
        return true;
    }

    private static Guid? ParseReference(string? reference) =>
        reference is not null && reference.StartsWith(ReferencePrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(reference[ReferencePrefix.Length..], "N", out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ride charge {ChargeId} settled by the acquirer: {Status} ({Reason})")]
    private static partial void LogSettled(ILogger logger, Guid chargeId, CustomerPresentChargeStatus status, string? reason);
}
