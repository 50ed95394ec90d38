namespace Checkout.Contract.Tests.Resilience;

using Checkout.Acquiring;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

/// <summary>An acquirer that keeps failing is left alone for a while instead of being hammered by every order.</summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class CircuitBreakerTests(FakeUpstream upstream) : IAsyncLifetime
{
    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_calls_fail_fast_without_reaching_the_acquirer()
    {
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Status(500));
        await using var services = OutboundClientHost.Create(upstream.BaseAddress);
        var acquirer = services.GetRequiredService<IAcquirer>();

        for (var order = 0; order < 3; order++)
        {
            await Assert.ThrowsAsync<AcquirerUnavailableException>(() =>
                acquirer.AuthorizeAsync(EffectfulCall.FirstCharge($"order-{order}-first-charge"), CancellationToken.None));
        }
        var reachedBeforeOpen = (upstream.Received("/payment")).Count;

        var failure = await Assert.ThrowsAsync<AcquirerUnavailableException>(() =>
            acquirer.AuthorizeAsync(EffectfulCall.FirstCharge("order-4-first-charge"), CancellationToken.None));

        Assert.True(reachedBeforeOpen >= 10, $"Only {reachedBeforeOpen} attempts reached the acquirer before the circuit opened.");
        Assert.Equal(reachedBeforeOpen, (upstream.Received("/payment")).Count);
        Assert.Contains("paused", failure.InnerException?.Message ?? "", StringComparison.Ordinal);
    }
}
