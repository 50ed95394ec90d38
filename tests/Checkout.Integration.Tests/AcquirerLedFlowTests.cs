namespace Checkout.Integration.Tests;

using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>An app configured with <c>Klarna:Flow=AcquirerLed</c>.</summary>
public sealed class AcquirerLedAppFactory : CheckoutAppFactory
{
    public AcquirerLedAppFactory()
        : base(null, 0, new Dictionary<string, string?> { ["Klarna:Flow"] = "AcquirerLed" }, null, null)
    {
    }
}

/// <summary>
/// The partner API's flow end to end: the acquirer creates Klarna's payment request, the shopper completes the
/// same purchase journey, and the acquirer's signed callback completes the order.
/// </summary>
public sealed class AcquirerLedFlowTests(AcquirerLedAppFactory app) : IClassFixture<AcquirerLedAppFactory>
{
    [Theory]
    [InlineData("premium-monthly", "Completed", true)]
    [InlineData("family-trial", "Completed", false)]
    [InlineData("rides-on-demand", "Completed", true)]
    [InlineData(CheckoutAppFactory.DeclinedPlanId, "PaymentDeclined", true)]
    public async Task Approved_journey_ends_with_the_acquirers_token_and_result(string planId, string expectedStatus, bool charged)
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);
        var started = await shopper.InitiateAsync();
        Assert.False(started.TryGetProperty("paymentRequestId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String);
        var url = started.GetProperty("paymentRequestUrl").GetString()!;
        Assert.Contains("/sandbox/klarna/journey/", url, StringComparison.Ordinal);

        await shopper.SimulateJourneyAsync(JourneyId(url), "approve");
        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal(expectedStatus, status.GetProperty("status").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var order = await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(shopper.CheckoutId));
        Assert.Null(order.PaymentRequestId);
        Assert.NotNull(order.AcquirerPaymentId);
        Assert.Equal(charged, order.ChargesNow);
        var token = await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(order.Id, CancellationToken.None);
        Assert.NotNull(token);
        Assert.DoesNotContain("krn:", token.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve", "customer+us+denied@klarna.com", "KlarnaDeclined")]
    [InlineData("abort", "customer+us@klarna.com", "Cancelled")]
    public async Task Declined_or_aborted_journey_ends_without_a_token(string action, string email, string expectedStatus)
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var url = (await shopper.InitiateAsync()).GetProperty("paymentRequestUrl").GetString()!;

        await shopper.SimulateJourneyAsync(JourneyId(url), action, email);
        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal(expectedStatus, status.GetProperty("status").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(Guid.Parse(shopper.CheckoutId), CancellationToken.None));
    }

    [Fact]
    public async Task Clicking_twice_reuses_the_acquirers_payment()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var first = (await shopper.InitiateAsync()).GetProperty("paymentRequestUrl").GetString();
        var second = (await shopper.InitiateAsync()).GetProperty("paymentRequestUrl").GetString();
        Assert.Equal(first, second);
    }

    private static string JourneyId(string paymentRequestUrl) => "krn:payment:eu1:request:" + new Uri(paymentRequestUrl).Segments[^1].TrimEnd('/');
}
