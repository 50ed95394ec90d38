namespace Checkout.Web.MerchantApi;

using Checkout.Web.MerchantAuthentication;
using Checkout.Web.OnDemand;
using Checkout.Web.Sessions;
using Checkout.Web.Subscriptions;

/// <summary>
/// The versioned API the merchant's store calls from its server, under one key and one base path: checkout sessions and
/// ride charges, links to the shopper's subscription page. Every call needs one of <c>Merchant:ApiKeys</c> (the <see cref="MerchantApiAuthorization.Policy"/> policy);
/// 404 throughout while none is set.
/// </summary>
public static class MerchantApiEndpoints
{
    public const string GroupName = "v1";

    public static WebApplication MapMerchantApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            // /openapi/v1.json
            app.MapOpenApi("/openapi/{documentName}.json");
        }
        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization(MerchantApiAuthorization.Policy)
            .DisableAntiforgery()
            .WithGroupName(GroupName)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapCheckoutSessions();
        v1.MapOnDemandCharges();
        v1.MapPortalLinks();
        return app;
    }
}
