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
    public async Task The_acquirer_led_flow_charges_through_the_partner_api_whatever_the_acquirer_kind()
    {
        await using var services = OutboundClientHost.Create(
            upstream.BaseAddress, AcquirerKind.WorldlineConnect, overrides: PartnerTokenChargeContractTests.AcquirerLed);

        Assert.IsType<Checkout.Acquiring.PartnerPayments.PartnerTokenCharger>(services.GetRequiredService<ITokenCharger>());
    }
}
