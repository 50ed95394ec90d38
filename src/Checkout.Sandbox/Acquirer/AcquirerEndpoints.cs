using Checkout.Sandbox.Acquirer.GenericPayments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Acquirer;

internal static class AcquirerEndpoints
{
    /// <summary>Seed 000's generic call today; seed 002's <c>/v1/payments</c> belongs beside it.</summary>
    public static void MapSandboxAcquirer(this IEndpointRouteBuilder app)
    {
        var acquirer = app.MapGroup("/sandbox/acquirer")
            .AddEndpointFilter<AcquirerApiKeyFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        acquirer.MapGenericPayment();
    }
}
