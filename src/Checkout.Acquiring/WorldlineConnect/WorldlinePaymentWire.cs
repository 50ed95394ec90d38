namespace Checkout.Acquiring.WorldlineConnect;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Worldline Connect speaks camelCase and leaves out what is not set.</summary>
internal static class WorldlineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 32,
    };
}

/// <summary>Body of <c>POST /v1/{merchantId}/payments</c> for Klarna (payment product 838).</summary>
internal sealed record CreatePaymentRequest(Order Order, RedirectPaymentMethodSpecificInput RedirectPaymentMethodSpecificInput);

internal sealed record Order(AmountOfMoney AmountOfMoney, OrderReferences References);

internal sealed record AmountOfMoney(long Amount, string CurrencyCode);

internal sealed record OrderReferences(string MerchantReference);

internal sealed record RedirectPaymentMethodSpecificInput(
    int PaymentProductId,
    PaymentProduct838SpecificInput PaymentProduct838SpecificInput,
    RedirectionData? RedirectionData);

internal sealed record PaymentProduct838SpecificInput(string InteroperabilityToken, string? InteroperabilityData);

internal sealed record RedirectionData(string ReturnUrl);

/// <summary>The 201 answer; only what we map is read.</summary>
internal sealed record CreatePaymentResponse(Payment? Payment);

internal sealed record Payment(string? Id, string? Status);

/// <summary>A 4xx/5xx answer. A declined payment comes back as an error that still carries the payment.</summary>
internal sealed record ErrorResponse(string? ErrorId, IReadOnlyList<ApiError>? Errors, CreatePaymentResponse? PaymentResult);

internal sealed record ApiError(string? Code, string? Message, string? PropertyName);
