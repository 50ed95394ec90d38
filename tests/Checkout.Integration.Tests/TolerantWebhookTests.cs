namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.Json.Nodes;
using Checkout.Domain.Orders;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Public material disagrees on where the completed webhook carries the tokens. Whatever the shape, an
/// order is never declined, nor a customer token dropped, because a token was not where we looked.
/// </summary>
public sealed class TolerantWebhookTests
{
    private static readonly Dictionary<string, string?> OnlyOurWebhooks = new()
    {
        // The sandbox's own deliveries go nowhere; the test sends the one webhook that matters.
        ["Sandbox:Klarna:WebhookUrl"] = "http://127.0.0.1:9/api/webhooks/klarna",
        ["Reconciler:Interval"] = "01:00:00",
    };

    [Theory]
    [InlineData("premium-monthly")]
    [InlineData("family-trial")]
    public async Task Completed_webhook_without_its_tokens_is_checked_against_Klarna_before_anything_is_decided(string planId)
    {
        var app = SharedApp.For(OnlyOurWebhooks).App;
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        var envelope = JsonNode.Parse(await new KlarnaWebhooks(app).EnvelopeFromKlarnaAsync(paymentRequestId))!;
        var payload = envelope["payload"]!.AsObject();
        payload.Remove("klarna_network_session_token");
        payload.Remove("klarna_customer");
        payload["state_context"]!.AsObject().Remove("klarna_network_session_token");
        payload["state_context"]!.AsObject().Remove("klarna_customer");

        var answer = await new KlarnaWebhooks(app).SendAsync(envelope.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var orderId = Guid.Parse(shopper.CheckoutId);
        // Read from the database, not the status endpoint: that one would ask Klarna itself.
        await app.WaitForAsync(db => db.Orders.AnyAsync(o => o.Id == orderId && o.Status != OrderStatus.AwaitingShopper && o.Status != OrderStatus.Authorizing));
        await app.WaitForAsync(async db =>
        {
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            Assert.Equal(OrderStatus.Completed, order.Status);
            return await db.CustomerTokens.AnyAsync(t => t.OrderId == orderId);
        });
    }
}
