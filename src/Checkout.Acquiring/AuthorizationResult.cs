namespace Checkout.Acquiring;

public enum AuthorizationStatus
{
    Approved,
    Declined,

    /// <summary>The acquirer has not decided yet; ask again later with the same key.</summary>
    Pending,
}

/// <summary>The acquirer's answer. <see cref="NetworkResponseData"/> is Klarna's opaque data, passed on untouched.</summary>
public sealed record AuthorizationResult(AuthorizationStatus Status, string PaymentId, string? NetworkResponseData);
