namespace Checkout.Sandbox.Klarna.Notifications;

internal static class NotificationEventTypes
{
    public const string Version = "v2";
    public const string Enabled = "ENABLED";
    public const string Disabled = "DISABLED";
    public const string Completed = "payment.request.state-change.completed";

    /// <summary>The events the emulator emits: one per payment request state.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "payment.request.state-change.submitted",
        "payment.request.state-change.in-progress",
        Completed,
        "payment.request.state-change.declined",
        "payment.request.state-change.canceled",
        "payment.request.state-change.expired",
    };
}
