namespace Checkout.Acquiring.WorldlineConnect;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Worldline Connect speaks camelCase and leaves out what is not set.</summary>
public static class WorldlineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 32,
    };
}

/// <summary>Body of <c>POST /v1/{merchantId}/payments</c> for Klarna (payment product 838).</summary>
public sealed record CreatePaymentRequest(Order Order, RedirectPaymentMethodSpecificInput RedirectPaymentMethodSpecificInput);

public sealed record Order(AmountOfMoney AmountOfMoney, OrderReferences References);

public sealed record AmountOfMoney(long Amount, string CurrencyCode);

public sealed record OrderReferences(string MerchantReference);

public sealed record RedirectPaymentMethodSpecificInput(
    int PaymentProductId,
    PaymentProduct838SpecificInput PaymentProduct838SpecificInput,
    RedirectionData? RedirectionData);

public sealed record PaymentProduct838SpecificInput(string InteroperabilityToken, string? InteroperabilityData);

public sealed record RedirectionData(string ReturnUrl);

/// <summary>The 201 answer; only what we map is read.</summary>
public sealed record CreatePaymentResponse(Payment? Payment);

public sealed record Payment(string? Id, string? Status);

/// <summary>A 4xx/5xx answer. A declined payment comes back as an error that still carries the payment.</summary>
public sealed record ErrorResponse(string? ErrorId, IReadOnlyList<ApiError>? Errors, CreatePaymentResponse? PaymentResult);

public sealed record ApiError(string? Code, string? Message, string? PropertyName);
