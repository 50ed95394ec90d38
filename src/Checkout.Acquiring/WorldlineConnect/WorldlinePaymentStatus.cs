namespace Checkout.Acquiring.WorldlineConnect;

/// <summary>Worldline Connect's <c>payment.status</c> in our terms. Capture comes later, so every authorized status is Approved.</summary>
internal static class WorldlinePaymentStatus
{
    public const string Rejected = "REJECTED";

    public static AuthorizationStatus? ToAuthorizationStatus(string? status) => status switch
    {
        "PENDING_APPROVAL" or "PENDING_CAPTURE" or "CAPTURE_REQUESTED" or "CAPTURED" or "PAID" => AuthorizationStatus.Approved,
        Rejected or "CANCELLED" => AuthorizationStatus.Declined,
        "CREATED" or "REDIRECTED" or "PENDING_PAYMENT" or "PENDING_FRAUD_APPROVAL" or "AUTHORIZATION_REQUESTED" => AuthorizationStatus.Pending,
        _ => null,
    };
}
