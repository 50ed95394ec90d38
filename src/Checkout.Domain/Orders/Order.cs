namespace Checkout.Domain.Orders;

using Checkout.Domain.Pricing;
using Checkout.Domain.Plans;

/// <summary>One shopper's sign-up attempt for one plan, priced by the server when the shopper started to pay.</summary>
public sealed class Order
{
    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// The key the checkout page carried when the shopper started to pay: a second start from the same page
    /// finds this order instead of opening another. Orders opened before pages carried keys have none.
    /// </summary>
    public Guid? CheckoutKey { get; private set; }

    /// <summary>The store's checkout session this order pays for; none when the shopper came by a plan link.</summary>
    public Guid? CheckoutSessionId { get; private set; }

    public string PlanId { get; private set; } = "";

    public PlanKind PlanKind { get; private set; }

    /// <summary>Charged at sign-up, in minor units of <see cref="Currency"/>; zero creates a token only.</summary>
    public long AmountDueMinorUnits { get; private set; }

    public string Currency { get; private set; } = "";

    public OrderStatus Status { get; private set; }

    public string? PaymentRequestId { get; private set; }

    public string? AcquirerPaymentId { get; private set; }

    /// <summary>Why the order ended where it did, in words a shopper may read.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>
    /// What Klarna last refused for this order, with its error and correlation ids, for an operator to
    /// look up at Klarna; never shown to the shopper.
    /// </summary>
    public string? LastKlarnaError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Money AmountDue => Money.Of(AmountDueMinorUnits, Currency);

    public bool ChargesNow => AmountDueMinorUnits > 0;

    /// <summary>The reference Klarna and the acquirer see; the order id, so every party can find it.</summary>
    public string Reference => Id.ToString("N");

    public static Order Start(Plan plan, DateTimeOffset now, Guid? checkoutKey = null, Guid? checkoutSessionId = null) => new()
    {
        Id = Guid.NewGuid(),
        CheckoutKey = checkoutKey,
        CheckoutSessionId = checkoutSessionId,
        PlanId = plan.Id,
        PlanKind = plan.Kind,
        AmountDueMinorUnits = plan.DueNow.MinorUnits,
        Currency = plan.DueNow.Currency.Code,
        Status = OrderStatus.Open,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static Guid? ParseReference(string? reference) =>
        Guid.TryParseExact(reference, "N", out var id) ? id : null;
}
