namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal static class PaymentRequestState
{
    public const string Submitted = "SUBMITTED";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Declined = "DECLINED";
    public const string Canceled = "CANCELED";
    public const string Expired = "EXPIRED";

    public static bool IsFinal(string state) => state is Completed or Declined or Canceled or Expired;

    /// <summary>The suffix of <c>payment.request.state-change.&lt;suffix&gt;</c>.</summary>
    public static string EventSuffix(string state) => state.Replace('_', '-').ToLowerInvariant();
}
