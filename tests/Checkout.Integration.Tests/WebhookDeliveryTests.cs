namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Klarna's webhooks: verified before anything else, stored once, applied once, whatever the order.</summary>
public sealed class WebhookDeliveryTests
{
    private readonly CheckoutAppFactory app = SharedApp.Default.App;
    private readonly KlarnaWebhooks _webhooks = new(SharedApp.Default.App);

    [Fact]
    public async Task Same_event_delivered_concurrently_is_stored_once_and_completes_the_order_once()
    {
        var (shopper, paymentRequestId) = await ApprovedCheckoutAsync("premium-monthly");
        var body = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _webhooks.SendAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        Assert.Equal(1, await db.WebhookEvents.CountAsync(e => e.EventId == KlarnaWebhooks.EventIdOf(body)));
        Assert.Equal(1, await db.PendingAuthorizations.CountAsync(p => p.OrderId == Guid.Parse(shopper.CheckoutId)));
        Assert.Equal(1, await db.CustomerTokens.CountAsync(t => t.OrderId == Guid.Parse(shopper.CheckoutId)));
    }

    [Fact]
    public async Task Submitted_event_arriving_after_completed_changes_nothing()
    {
        var (shopper, paymentRequestId) = await ApprovedCheckoutAsync("family-trial");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());

        var late = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId, "payment.request.state-change.submitted");
        late = late.Replace("\"state\":\"COMPLETED\"", "\"state\":\"SUBMITTED\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _webhooks.SendAsync(late)).StatusCode);
        await WaitUntilProcessedAsync(KlarnaWebhooks.EventIdOf(late));

        Assert.Equal("Completed", (await shopper.StatusAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Canceled_event_after_completion_cannot_undo_a_paid_order()
    {
        var (shopper, paymentRequestId) = await ApprovedCheckoutAsync("premium-monthly");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());

        var forgedState = (await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId, "payment.request.state-change.canceled"))
            .Replace("\"state\":\"COMPLETED\"", "\"state\":\"CANCELED\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _webhooks.SendAsync(forgedState)).StatusCode);
        await WaitUntilProcessedAsync(KlarnaWebhooks.EventIdOf(forgedState));

        Assert.Equal("Completed", (await shopper.StatusAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("unknown-key", true)]
    [InlineData(null, true)]
    [InlineData("valid", false)]
    public async Task Unverified_webhook_is_refused_and_not_stored(string? keyId, bool withRightSecret)
    {
        var (_, paymentRequestId) = await ApprovedCheckoutAsync("family-trial");
        var body = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId);
        var key = keyId == "valid" ? _webhooks.SigningKey.KeyId : keyId;
        var signature = withRightSecret ? KlarnaWebhooks.Sign(_webhooks.SigningKey.Secret, body) : KlarnaWebhooks.Sign("not-the-secret", body);

        var response = await _webhooks.SendAsync(body, key, signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // One answer for every failure: nothing tells a caller whether a key id exists.
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The webhook signature was not accepted.", problem.GetProperty("detail").GetString());
        Assert.False(await IsStoredAsync(KlarnaWebhooks.EventIdOf(body)));
    }

    [Fact]
    public async Task Webhook_with_a_duplicated_signature_header_is_refused()
    {
        var (_, paymentRequestId) = await ApprovedCheckoutAsync("family-trial");
        var body = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId);
        var signature = KlarnaWebhooks.Sign(_webhooks.SigningKey.Secret, body);

        var response = await _webhooks.SendAsync(body, _webhooks.SigningKey.KeyId, signature, ("Klarna-Signature", signature));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsStoredAsync(KlarnaWebhooks.EventIdOf(body)));
    }

    [Fact]
    public async Task Base64_signature_is_accepted()
    {
        var (shopper, paymentRequestId) = await ApprovedCheckoutAsync("family-trial");
        var body = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId);
        var base64 = Convert.ToBase64String(Convert.FromHexString(KlarnaWebhooks.Sign(_webhooks.SigningKey.Secret, body)));

        Assert.Equal(HttpStatusCode.OK, (await _webhooks.SendAsync(body, _webhooks.SigningKey.KeyId, base64)).StatusCode);
        Assert.True(await IsStoredAsync(KlarnaWebhooks.EventIdOf(body)));
        await shopper.WaitForFinalStatusAsync();
    }

    [Fact]
    public async Task Replayed_event_from_days_ago_is_refused()
    {
        var (_, paymentRequestId) = await ApprovedCheckoutAsync("family-trial");
        var body = await _webhooks.EnvelopeFromKlarnaAsync(paymentRequestId, occurredAt: DateTimeOffset.UtcNow.AddDays(-3));

        var response = await _webhooks.SendAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsStoredAsync(KlarnaWebhooks.EventIdOf(body)));
    }

    [Fact]
    public async Task Signed_body_that_is_not_an_event_is_refused()
    {
        const string body = """{"hello":"world"}""";
        var response = await _webhooks.SendAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_body_over_the_limit_is_refused()
    {
        var body = "{\"metadata\":{\"event_id\":\"" + new string('x', 300 * 1024) + "\"}}";
        var response = await _webhooks.SendAsync(body);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(Shopper Shopper, string PaymentRequestId)> ApprovedCheckoutAsync(string planId)
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        return (shopper, paymentRequestId);
    }

    private async Task<bool> IsStoredAsync(string eventId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().WebhookEvents.AnyAsync(e => e.EventId == eventId);
    }

    private Task WaitUntilProcessedAsync(string eventId) =>
        app.WaitForAsync($"event {eventId} to be processed", db => db.WebhookEvents.AnyAsync(e => e.EventId == eventId && e.ProcessedAt != null));
}
