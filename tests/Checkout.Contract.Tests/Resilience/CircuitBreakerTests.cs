namespace Checkout.Contract.Tests.Resilience;

using Checkout.Acquiring;
using Checkout.Contract.Tests.WireMock;
using Microsoft.Extensions.DependencyInjection;

/// <summary>An acquirer that keeps failing is left alone for a while instead of being hammered by every order.</summary>
[Collection(SharedWireMock.Name)]
public sealed class CircuitBreakerTests(WireMockServer wireMock) : IAsyncLifetime
{
    public Task InitializeAsync() => wireMock.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_calls_fail_fast_without_reaching_the_acquirer()
    {
        await wireMock.StubAsync(Stub.Status("POST", "/payment", 500));
        await using var services = OutboundClientHost.Create(wireMock.BaseAddress);
        var acquirer = services.GetRequiredService<IAcquirer>();

        for (var order = 0; order < 3; order++)
        {
            await Assert.ThrowsAsync<AcquirerUnavailableException>(() =>
                acquirer.AuthorizeAsync(EffectfulCall.FirstCharge($"order-{order}-first-charge"), CancellationToken.None));
        }
        var reachedBeforeOpen = (await wireMock.ReceivedAsync("/payment")).Count;

        var failure = await Assert.ThrowsAsync<AcquirerUnavailableException>(() =>
            acquirer.AuthorizeAsync(EffectfulCall.FirstCharge("order-4-first-charge"), CancellationToken.None));

        Assert.True(reachedBeforeOpen >= 10, $"Only {reachedBeforeOpen} attempts reached the acquirer before the circuit opened.");
        Assert.Equal(reachedBeforeOpen, (await wireMock.ReceivedAsync("/payment")).Count);
        Assert.Contains("paused", failure.InnerException?.Message ?? "", StringComparison.Ordinal);
    }
}
