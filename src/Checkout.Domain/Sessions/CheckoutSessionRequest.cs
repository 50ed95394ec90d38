namespace Checkout.Domain.Sessions;

/// <summary>What the store asked for, checked field by field before it becomes a <see cref="CheckoutSession"/>.</summary>
public sealed record CheckoutSessionRequest(
    string PlanId,
    string ClientReferenceId,
    SessionCustomer? Customer,
    string? Locale,
    Uri SuccessUrl,
    Uri CancelUrl,
    string MetadataJson,
    TimeSpan ExpiresIn)
{
    public static readonly TimeSpan MinExpiresIn = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultExpiresIn = TimeSpan.FromHours(24);
}

/// <summary>What the store knows of its customer, to prefill Klarna's journey.</summary>
public sealed record SessionCustomer(string? Email, string? GivenName, string? FamilyName, string? Country);
