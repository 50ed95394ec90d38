namespace Checkout.Web.Checkouts;

/// <summary>The payment methods shown beside Klarna, loaded by the page while Klarna's presentation loads.</summary>
public sealed record PaymentMethodView(string Id, string Label, string Description)
{
}

public static class OtherPaymentMethods
{
    /// <summary><see cref="All"/> in the shopper's language.</summary>
    public static IReadOnlyList<PaymentMethodView> In(Localization.ShopperText text) =>
        [.. All.Select(method => method with { Label = text[method.Label], Description = text[method.Description] })];

    public static IReadOnlyList<PaymentMethodView> All { get; } =
    [
        new("card", "Credit or debit card", "Visa, Mastercard, American Express. Card sign-ups go through the merchant's card processor, which this reference checkout does not include."),
    ];
}
