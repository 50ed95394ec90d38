namespace Checkout.Integration.Tests;

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>A full run's logs never contain an API key, a signing key, a customer token or a session token.</summary>
public sealed class SecretLeakTests
{
    [Fact]
    public async Task Logs_of_a_full_run_hold_no_secret_or_token()
    {
        var logs = new CapturedLogs();
        using var app = CheckoutAppFactory.With(null, 0, null, s => s.AddSingleton<ILoggerProvider>(logs));
        var tokens = new List<string>();
        foreach (var (plan, email) in new[]
        {
            ("premium-monthly", "customer+us@klarna.com"),
            ("family-trial", "customer+us@klarna.com"),
            ("rides-on-demand", "customer+us@klarna.com"),
            (CheckoutAppFactory.DeclinedPlanId, "customer+us@klarna.com"),
            ("premium-monthly", "customer+us+denied@klarna.com"),
        })
        {
            var shopper = Shopper.Start(app);
            await shopper.OpenCheckoutAsync(plan);
            var sessionToken = await shopper.SdkSessionTokenAsync();
            tokens.Add(sessionToken);
            var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
            var completed = await shopper.SimulateJourneyAsync(paymentRequestId, "approve", email);
            await shopper.WaitForFinalStatusAsync();
            tokens.AddRange(TokensIn(completed));
        }
        // A forged webhook must be logged as rejected without echoing what it carried.
        await new KlarnaWebhooks(app).SendAsync("""{"metadata":{"event_id":"x","event_type":"y"}}""", "key", "deadbeef");

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var secrets = new[] { configuration["Klarna:ApiKey"]!, configuration["Acquirer:ApiKey"]! }
            .Concat(configuration.GetSection("Klarna:WebhookSigningKeys").GetChildren().Select(k => k.Value!))
            .Concat(tokens)
            .Where(s => !string.IsNullOrEmpty(s))
            .ToList();
        Assert.True(tokens.Count >= 8, "The run should have produced customer and session tokens to look for.");
        Assert.NotEmpty(logs.Lines);

        var leaks = logs.Lines.SelectMany(line => secrets.Where(secret => line.Contains(secret, StringComparison.Ordinal)).Select(secret => $"{secret[..8]}… in: {line[..Math.Min(200, line.Length)]}")).ToList();
        Assert.Empty(leaks);
    }

    private static IEnumerable<string> TokensIn(JsonElement paymentRequest)
    {
        if (!paymentRequest.TryGetProperty("state_context", out var context))
        {
            yield break;
        }
        if (context.TryGetProperty("klarna_network_session_token", out var session) && session.GetString() is { } s)
        {
            yield return s;
        }
        if (context.TryGetProperty("klarna_customer", out var customer) && customer.TryGetProperty("customer_token", out var token) && token.GetString() is { } t)
        {
            yield return t;
        }
    }
}
