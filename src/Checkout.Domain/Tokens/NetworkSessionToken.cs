namespace Checkout.Domain.Tokens;

/// <summary>Klarna's network session token: lets the acquirer finalize the first charge, for one hour.</summary>
public sealed class NetworkSessionToken(string value, DateTimeOffset receivedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Value { get; } = string.IsNullOrWhiteSpace(value)
        ? throw new ArgumentException("A session token needs a value.", nameof(value))
        : value;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public bool IsExpired(DateTimeOffset now) => now - ReceivedAt >= Lifetime;

    public override string ToString() => "NetworkSessionToken(***)";
}
