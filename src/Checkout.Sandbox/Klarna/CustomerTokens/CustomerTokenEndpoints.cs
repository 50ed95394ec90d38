using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Klarna.CustomerTokens;

/// <summary>
/// Test hook: <c>POST /sandbox/klarna/customer-tokens/{customer_token}/revoke</c> does what a customer does in the
/// Klarna app, so tests can see a renewal declined for a revoked token. The merchant's or the acquirer's key.
/// </summary>
internal static class CustomerTokenEndpoints
{
    public static void MapCustomerTokens(this IEndpointRouteBuilder klarna) =>
        klarna.MapPost("/customer-tokens/{customer_token}/revoke", Revoke)
            .AddEndpointFilter<KlarnaApiKeyFilter>()
            .WithMetadata(new AcquirerKeyAccepted())
            .DisableAntiforgery();

    private static IResult Revoke([FromRoute(Name = "customer_token")] string token, CustomerTokenRegistry registry, TimeProvider time) =>
        registry.Revoke(token, time.GetUtcNow()) && registry.Find(token) is { } revoked
            ? Results.Json(new { status = "REVOKED", revoked_at = revoked.RevokedAt })
            : KlarnaError.NotFound("The customer token");
}
