namespace Checkout.Web.Sessions;

using System.Text.Json.Serialization;

/// <summary>
/// The body of <c>POST /api/v1/checkout-sessions</c>, as the OpenAPI document shows it. The endpoint reads the JSON
/// field by field (<see cref="CheckoutSessionInput"/>) so that a 400 names each bad field.
/// </summary>
public sealed record CreateCheckoutSessionBody(
    [property: JsonPropertyName("plan_id")] string PlanId,
    [property: JsonPropertyName("client_reference_id")] string ClientReferenceId,
    [property: JsonPropertyName("success_url")] string SuccessUrl,
    [property: JsonPropertyName("cancel_url")] string CancelUrl,
    [property: JsonPropertyName("customer")] CheckoutSessionCustomerBody? Customer = null,
    [property: JsonPropertyName("locale")] string? Locale = null,
    [property: JsonPropertyName("metadata")] Dictionary<string, string>? Metadata = null,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn = null);

public sealed record CheckoutSessionCustomerBody(
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("given_name")] string? GivenName = null,
    [property: JsonPropertyName("family_name")] string? FamilyName = null,
    [property: JsonPropertyName("country")] string? Country = null);
