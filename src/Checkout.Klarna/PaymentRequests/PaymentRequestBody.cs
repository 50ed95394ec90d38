namespace Checkout.Klarna.PaymentRequests;

/// <summary>Body of <c>POST /v2/payment/requests</c>.</summary>
public sealed record PaymentRequestBody
{
    public required string Currency { get; init; }

    /// <summary>Minor units; left out when only a customer token is requested.</summary>
    public long? Amount { get; init; }

    public string? PaymentRequestReference { get; init; }

    public string? PaymentOptionId { get; init; }

    public SupplementaryPurchaseData? SupplementaryPurchaseData { get; init; }

    public RequestCustomerToken? RequestCustomerToken { get; init; }

    public CustomerInteractionConfig? CustomerInteractionConfig { get; init; }
}

public sealed record RequestCustomerToken(IReadOnlyList<string> Scopes, string? CustomerTokenReference);

public sealed record CustomerInteractionConfig(string Method, string? ReturnUrl, string? AppReturnUrl = null);

public sealed record SupplementaryPurchaseData
{
    public string? PurchaseReference { get; init; }

    public IReadOnlyList<LineItem>? LineItems { get; init; }

    public KlarnaCustomer? Customer { get; init; }

    public IReadOnlyList<Subscription>? Subscriptions { get; init; }

    public OnDemandService? OndemandService { get; init; }
}

/// <summary>
/// Our own id for the item goes in <c>line_item_reference</c>; <c>product_identifier</c> is a GTIN, UPC or
/// ISBN and is left out unless the item has one.
/// </summary>
public sealed record LineItem(
    string Name, int Quantity, long UnitPrice, long TotalAmount, string? LineItemReference = null, string? ProductIdentifier = null);

/// <summary>
/// Who the customer is according to the merchant, to simplify the shopper's sign-up at Klarna. Klarna's address needs a
/// street and a city, so a country alone is not sent.
/// </summary>
public sealed record KlarnaCustomer(string? Email, string? GivenName = null, string? FamilyName = null);

public sealed record Subscription(
    string SubscriptionReference,
    string Name,
    string FreeTrial,
    IReadOnlyList<BillingPlan> BillingPlans);

public sealed record BillingPlan(long BillingAmount, string Currency, string From, string Interval, int IntervalFrequency);

/// <summary>What Klarna documents for a customer-present token: the expected amounts and how often the shopper buys.</summary>
public sealed record OnDemandService(
    long AverageAmount, long MinimumAmount, long MaximumAmount, string PurchaseInterval, int PurchaseIntervalFrequency);
