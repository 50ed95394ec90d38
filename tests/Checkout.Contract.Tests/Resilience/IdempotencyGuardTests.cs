namespace Checkout.Contract.Tests.Resilience;

using Checkout.Contract.Tests.Upstream;
using Checkout.Web.Infrastructure.Http;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

/// <summary>The app's upstream resilience on a plain named client: a request that could charge twice is sent once.</summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class IdempotencyGuardTests(FakeUpstream upstream) : IAsyncLifetime
{
    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_POST_without_an_idempotency_key_is_never_retried()
    {
        upstream.Given(Request.Create().WithPath("/charge").UsingPost()).RespondWith(Reply.Status(500));
        await using var services = NewServices();

        using var response = await Client(services).PostAsync("charge", new StringContent("{}"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Single(upstream.Received("/charge"));
    }

    [Fact]
    public async Task The_same_POST_with_an_idempotency_key_is_retried()
    {
        upstream.Given(Request.Create().WithPath("/charge").UsingPost()).RespondWith(Reply.Status(500));
        await using var services = NewServices();
        using var request = new HttpRequestMessage(HttpMethod.Post, "charge") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "order-1-first-charge");

        using var response = await Client(services).SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(4, upstream.Received("/charge").Count);
    }

    [Fact]
    public async Task A_DELETE_without_an_idempotency_key_is_never_retried()
    {
        upstream.Given(Request.Create().WithPath("/charge").UsingDelete()).RespondWith(Reply.Status(503));
        await using var services = NewServices();

        using var response = await Client(services).DeleteAsync("charge");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(upstream.Received("/charge"));
    }

    [Fact]
    public async Task A_GET_is_retried_without_a_key_because_it_changes_nothing()
    {
        upstream.Given(Request.Create().WithPath("/charge").UsingGet()).RespondWith(Reply.Status(503));
        await using var services = NewServices();

        using var response = await Client(services).GetAsync("charge");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(4, upstream.Received("/charge").Count);
    }

    private ServiceProvider NewServices()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("guarded", http => http.BaseAddress = upstream.BaseAddress)
            .AddUpstreamResilience(_ => TimeSpan.FromSeconds(5));
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("guarded");
}
