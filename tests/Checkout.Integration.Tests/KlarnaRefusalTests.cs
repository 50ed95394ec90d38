namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Klarna refuses a payment request: the shopper reads a plain sentence, the operator finds Klarna's ids.</summary>
public sealed class KlarnaRefusalTests
{
    private const string ErrorId = "5c7a4a1e-0f57-4c7a-9f5e-1d2b3c4d5e6f";
    private const string CorrelationId = "0b5d9f3e-4a1c-4e8b-9d2f-7a6c5b4e3d2c";

    [Fact]
    public async Task Klarna_refusal_keeps_its_ids_on_the_order_and_tells_the_shopper_in_plain_words()
    {
        var logs = new CapturedLogs();
        using var app = CheckoutAppFactory.With(null, 0, null, services =>
        {
            services.AddHttpClient(OutboundClients.Klarna).AddHttpMessageHandler(() => new RefusingKlarna());
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
        });
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("rides-on-demand");

        var answer = await shopper.PostPaymentRequestAsync(new
        {
            checkoutKey = shopper.CheckoutKey,
            planId = shopper.PlanId,
            klarnaNetworkSessionToken = await shopper.SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        });

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal("Klarna could not start this payment. Nothing was charged; please choose another payment method or try again.", detail);
        Assert.DoesNotContain(ErrorId, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var order = await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.AsNoTracking()
            .SingleAsync(o => o.CheckoutKey == Guid.Parse(shopper.CheckoutKey));
        Assert.Contains("error_id " + ErrorId, order.LastKlarnaError, StringComparison.Ordinal);
        Assert.Contains("correlation_id " + CorrelationId, order.LastKlarnaError, StringComparison.Ordinal);
        Assert.Contains("ondemand_service.purchase_interval", order.LastKlarnaError, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, line => line.Contains(ErrorId, StringComparison.Ordinal) && line.Contains(CorrelationId, StringComparison.Ordinal));
    }

    /// <summary>Answers every call as Klarna answers a request it refuses.</summary>
    private sealed class RefusingKlarna : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent(
                    $$"""
                    {"error_id":"{{ErrorId}}","error_type":"INPUT_ERROR","error_code":"VALIDATION_ERROR",
                     "error_message":"One or more input parameters failed validation",
                     "validation_errors":[{"parameter":"supplementary_purchase_data.ondemand_service.purchase_interval","reason":"is required"}]}
                    """,
                    Encoding.UTF8,
                    "application/json"),
            };
            response.Headers.Add("Klarna-Correlation-Id", CorrelationId);
            return Task.FromResult(response);
        }
    }
}
