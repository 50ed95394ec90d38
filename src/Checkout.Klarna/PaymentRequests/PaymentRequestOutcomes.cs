namespace Checkout.Klarna.PaymentRequests;

using Checkout.Domain.Orders;
using Checkout.Domain.Tokens;

/// <summary>Turns Klarna's wire answer into what the domain acts on.</summary>
public static class PaymentRequestOutcomes
{
    public static PaymentRequestOutcome? ToOutcome(this PaymentRequestRead read, DateTimeOffset receivedAt)
    {
        if (read.PaymentRequestId is null || ParseState(read.State) is not { } state)
        {
            return null;
        }
        var context = read.StateContext;
        var sessionToken = context?.KlarnaNetworkSessionToken ?? context?.InteroperabilityToken ?? read.InteroperabilityToken;
        var customerToken = context?.KlarnaCustomer?.CustomerToken;
        return new PaymentRequestOutcome(
            read.PaymentRequestId,
            read.PaymentRequestReference,
            state,
            string.IsNullOrWhiteSpace(customerToken) ? null : new CustomerToken(customerToken, context!.KlarnaCustomer!.CustomerTokenReference),
            string.IsNullOrWhiteSpace(sessionToken) ? null : new NetworkSessionToken(sessionToken, receivedAt));
    }

    public static PaymentRequestState? ParseState(string? state) => state switch
    {
        "SUBMITTED" => PaymentRequestState.Submitted,
        "IN_PROGRESS" => PaymentRequestState.InProgress,
        "COMPLETED" => PaymentRequestState.Completed,
        "DECLINED" => PaymentRequestState.Declined,
        "CANCELED" or "CANCELLED" => PaymentRequestState.Canceled,
        "EXPIRED" => PaymentRequestState.Expired,
        _ => null,
    };
}
