namespace Checkout.Acquiring;

using Checkout.Domain.Pricing;

/// <summary>What the acquirer needs to authorize: the amount, our reference and Klarna's token.</summary>
public sealed record AuthorizationRequest(string Reference, Money Amount, string InteroperabilityToken, string IdempotencyKey)
{
    public override string ToString() => $"AuthorizationRequest({Reference}, {Amount}, token ***, key {IdempotencyKey})";
}
