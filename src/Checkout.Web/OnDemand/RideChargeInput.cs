namespace Checkout.Web.OnDemand;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Checkout.Domain.Pricing;

/// <summary>
/// The merchant's ride: <c>customerId</c> (the rides sign-up's checkout id), <c>amount</c> in minor units,
/// <c>currency</c> (ISO 4217) and its own <c>rideReference</c>. Read field by field, so a 400 names the field.
/// </summary>
public sealed record RideChargeInput(Guid CustomerId, Money Amount, string RideReference)
{
    public const int MaxReferenceLength = 100;

    /// <summary>What the same idempotency key must ask for again: the request, without its spelling.</summary>
    public string Digest() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{CustomerId:N}\n{Amount.MinorUnits}\n{Amount.Currency.Code}\n{RideReference}")));

    public static (RideChargeInput? Input, Dictionary<string, string[]> Errors) Parse(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object with customerId, amount, currency and rideReference."];
            return (null, errors);
        }

        Guid customerId = default;
        if (Text(root, "customerId") is not { } customer || !Guid.TryParse(customer, out customerId))
        {
            errors["customerId"] = ["customerId is required: the checkout id the rides sign-up gave you."];
        }

        long amount = 0;
        if (!root.TryGetProperty("amount", out var amountElement) || amountElement.ValueKind != JsonValueKind.Number
            || !amountElement.TryGetInt64(out amount) || amount <= 0)
        {
            errors["amount"] = ["amount is required: a positive integer in minor units (1500 is 15.00 USD)."];
        }

        Currency currency = null!;
        if (Text(root, "currency") is not { } code || !Currency.TryParse(code, out currency))
        {
            errors["currency"] = ["currency is required: an ISO 4217 code the checkout supports, such as USD."];
        }

        var reference = Text(root, "rideReference");
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxReferenceLength)
        {
            errors["rideReference"] = [$"rideReference is required: your reference for the ride, at most {MaxReferenceLength} characters."];
        }

        return errors.Count > 0 ? (null, errors) : (new RideChargeInput(customerId, new Money(amount, currency), reference!), errors);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The ride's body as the OpenAPI document shows it; the endpoint reads it field by field (<see cref="RideChargeInput"/>).</summary>
public sealed record RideChargeBody(Guid CustomerId, long Amount, string Currency, string RideReference);
