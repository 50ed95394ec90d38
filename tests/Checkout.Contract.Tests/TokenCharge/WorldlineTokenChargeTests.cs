namespace Checkout.Contract.Tests.TokenCharge;

using Checkout.Acquiring;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;

[Collection(SharedFakeUpstream.Name)]
public sealed class WorldlineTokenChargeTests(FakeUpstream upstream) : IAsyncLifetime
{
    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_renewal_through_Worldline_Connect_is_refused_naming_the_limitation_without_a_call()
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress, AcquirerKind.WorldlineConnect);
        var charger = services.GetRequiredService<ITokenCharger>();

        var failure = await Assert.ThrowsAsync<AcquirerRejectedException>(
            () => charger.ChargeAsync(Renewal.Request(Renewal.KlarnaToken), CancellationToken.None));

        Assert.IsType<WorldlineConnectTokenCharger>(charger);
        Assert.Contains("payment product 838", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Renewal.KlarnaToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(upstream.LogEntries);
    }

    [Fact]
    public async Task The_acquirer_led_flow_charges_through_the_partner_api_whatever_the_acquirer_kind()
    {
        await using var services = OutboundClientHost.Create(
            upstream.BaseAddress, AcquirerKind.WorldlineConnect, overrides: PartnerTokenChargeContractTests.AcquirerLed);

        Assert.IsType<Checkout.Acquiring.PartnerPayments.PartnerTokenCharger>(services.GetRequiredService<ITokenCharger>());
    }
}
