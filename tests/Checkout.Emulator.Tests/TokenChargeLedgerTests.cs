using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>The emulator counts the token charges it decided, for the renewal benchmark's exactly-once check.</summary>
public sealed class TokenChargeLedgerTests
{
    [Fact]
    public async Task Counts_each_decided_charge_once_and_a_reference_charged_twice()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await TokenChargeTests.SignUpAsync(host);
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString()).ToArray();

        await ChargeAsync(host, token, "subscription-1-period-2", 999, keys[0]);
        await ChargeAsync(host, token, "subscription-1-period-2", 999, keys[0]);
        await ChargeAsync(host, token, "subscription-2-period-2", 999, keys[1]);
        await ChargeAsync(host, token, "subscription-2-period-2", 999, keys[2]);
        await ChargeAsync(host, token, "subscription-3-period-2", 1013, keys[3]);
        var (status, summary) = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/sandbox/klarna/token-charges"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, summary["approved"]!.GetValue<long>());
        Assert.Equal(2, summary["references"]!.GetValue<long>());
        Assert.Equal(1, summary["references_charged_more_than_once"]!.GetValue<long>());
        Assert.Equal(1, summary["declined"]!.GetValue<long>());
    }

    [Fact]
    public async Task Other_environments_do_not_serve_the_ledger()
    {
        await using var host = await SandboxHost.StartAsync(environment: "Staging");

        using var response = await host.Client.GetAsync(new Uri("/sandbox/klarna/token-charges", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task ChargeAsync(SandboxHost host, string token, string reference, long amount, string key)
    {
        var body = TokenChargeTests.Charge(amount);
        body["request_payment_transaction"]!["payment_transaction_reference"] = reference;
        var request = host.Klarna(HttpMethod.Post, PaymentAuthorizeTests.Path, body.ToJsonString(), host.AcquirerKlarnaApiKey);
        request.Headers.Add("Klarna-Customer-Token", token);
        request.Headers.Add("Klarna-Idempotency-Key", key);
        var (status, _) = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
