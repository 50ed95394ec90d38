using Checkout.Sandbox.Klarna.CustomerTokens;
using Checkout.Sandbox.Klarna.Journey;
using Checkout.Sandbox.Klarna.Notifications;
using Checkout.Sandbox.Klarna.PaymentAuthorize;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Checkout.Sandbox.Klarna.WebSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Klarna;

internal static class KlarnaEmulatorEndpoints
{
    public static void MapKlarnaEmulator(this IEndpointRouteBuilder app)
    {
        var klarna = app.MapGroup("/sandbox/klarna").ExcludeFromDescription();
        klarna.MapPaymentRequests();
        klarna.MapPaymentAuthorize();
        klarna.MapCustomerTokens();
        klarna.MapNotifications();
        klarna.MapJourney();
        klarna.MapWebSdk();
    }
}
