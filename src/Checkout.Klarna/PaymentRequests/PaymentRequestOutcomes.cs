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
        var sessionToken = FirstPresent(
            context?.KlarnaNetworkSessionToken, read.KlarnaNetworkSessionToken, context?.InteroperabilityToken, read.InteroperabilityToken);
        var customer = new[] { context?.KlarnaCustomer, read.KlarnaCustomer }
            .FirstOrDefault(c => !string.IsNullOrWhiteSpace(c?.CustomerToken));
        return new PaymentRequestOutcome(
            read.PaymentRequestId,
            read.PaymentRequestReference,
            state,
            customer is null ? null : new CustomerToken(customer.CustomerToken!, customer.CustomerTokenReference),
            sessionToken is null ? null : new NetworkSessionToken(sessionToken, receivedAt));
    }

    private static string? FirstPresent(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }
        return null;
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
