namespace Checkout.Contract.Tests.Resilience;

using Checkout.Contract.Tests.WireMock;
using Checkout.Web.Infrastructure.Http;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app's upstream resilience on a plain named client: a request that could charge twice is sent once.</summary>
[Collection(SharedWireMock.Name)]
public sealed class IdempotencyGuardTests(WireMockServer wireMock) : IAsyncLifetime
{
    public Task InitializeAsync() => wireMock.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_POST_without_an_idempotency_key_is_never_retried()
    {
        await wireMock.StubAsync(Stub.Status("POST", "/charge", 500));
        await using var services = NewServices();

        using var response = await Client(services).PostAsync("charge", new StringContent("{}"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Single(await wireMock.ReceivedAsync("/charge"));
    }

    [Fact]
    public async Task The_same_POST_with_an_idempotency_key_is_retried()
    {
        await wireMock.StubAsync(Stub.Status("POST", "/charge", 500));
        await using var services = NewServices();
        using var request = new HttpRequestMessage(HttpMethod.Post, "charge") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "order-1-first-charge");

        using var response = await Client(services).SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(4, (await wireMock.ReceivedAsync("/charge")).Count);
    }

    [Fact]
    public async Task A_DELETE_without_an_idempotency_key_is_never_retried()
    {
        await wireMock.StubAsync(Stub.Status("DELETE", "/charge", 503));
        await using var services = NewServices();

        using var response = await Client(services).DeleteAsync("charge");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(await wireMock.ReceivedAsync("/charge"));
    }

    [Fact]
    public async Task A_GET_is_retried_without_a_key_because_it_changes_nothing()
    {
        await wireMock.StubAsync(Stub.Status("GET", "/charge", 503));
        await using var services = NewServices();

        using var response = await Client(services).GetAsync("charge");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(4, (await wireMock.ReceivedAsync("/charge")).Count);
    }

    private ServiceProvider NewServices()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("guarded", http => http.BaseAddress = wireMock.BaseAddress)
            .AddUpstreamResilience(_ => TimeSpan.FromSeconds(5));
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("guarded");
}
