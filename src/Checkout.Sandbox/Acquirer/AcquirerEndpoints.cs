using Checkout.Sandbox.Acquirer.GenericPayments;
using Checkout.Sandbox.Acquirer.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Acquirer;

internal static class AcquirerEndpoints
{
    /// <summary>The generic acquirer call, the partner API's <c>/v1/payments</c>, and the receiver for Klarna's webhooks.</summary>
    public static void MapSandboxAcquirer(this IEndpointRouteBuilder app)
    {
        var acquirer = app.MapGroup("/sandbox/acquirer")
            .AddEndpointFilter<AcquirerApiKeyFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        acquirer.MapGenericPayment();
        acquirer.MapPartnerPayments();

        // Klarna authenticates with its signature, not the partner's bearer key.
        app.MapAcquirerKlarnaWebhooks();
    }
}
