using Checkout.Sandbox.Klarna.PaymentRequests;

namespace Checkout.Sandbox.Klarna.Journey;

internal enum JourneyStep
{
    Email,
    Code,
    Approve,
    Final,
}

/// <summary>What a journey page shows, read under the record's lock.</summary>
internal sealed record JourneySnapshot(
    Guid Id,
    string PaymentRequestId,
    string? Reference,
    long? Amount,
    string Currency,
    bool HasSubscriptions,
    string State,
    string? Email,
    string? ReturnUrl,
    JourneyStep Step)
{
    public static JourneySnapshot Of(PaymentRequestRecord record)
    {
        var step = PaymentRequestState.IsFinal(record.State) ? JourneyStep.Final
            : record.JourneyCodeVerified ? JourneyStep.Approve
            : record.JourneyEmail is not null ? JourneyStep.Code
            : JourneyStep.Email;
        return new JourneySnapshot(
            record.Id, record.PaymentRequestId, record.Reference, record.Amount, record.Currency,
            record.HasSubscriptions, record.State, record.JourneyEmail,
            ReturnUrlTemplate.Resolve(record.ReturnUrl, record.PaymentRequestId, record.State, record.Reference),
            step);
    }
}
