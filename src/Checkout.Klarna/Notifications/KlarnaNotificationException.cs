namespace Checkout.Klarna.Notifications;

/// <summary>A failure of Klarna's Notification API as one line: what happened and what to do.</summary>
public sealed class KlarnaNotificationException(string message) : Exception(message);
