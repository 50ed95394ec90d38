namespace Checkout.Contract.Tests.Resilience;

using Checkout.Contract.Tests.WireMock;
using Checkout.Web.Infrastructure.Http;

/// <summary>The app's ResilienceHandler on a bare HttpClient: a POST that could charge twice is sent once.</summary>
[Collection(SharedWireMock.Name)]
public sealed class IdempotencyGuardTests(WireMockServer wireMock) : IAsyncLifetime
{
    public Task InitializeAsync() => wireMock.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_POST_without_an_idempotency_key_is_never_retried()
    {
        await wireMock.StubAsync(Stub.Status("POST", "/charge", 500));
        using var http = NewClient();

        using var response = await http.PostAsync("charge", new StringContent("{}"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Single(await wireMock.ReceivedAsync("/charge"));
    }

    [Fact]
    public async Task The_same_POST_with_an_idempotency_key_is_retried()
    {
        await wireMock.StubAsync(Stub.Status("POST", "/charge", 500));
        using var http = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "charge") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "order-1-first-charge");

        using var response = await http.SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(4, (await wireMock.ReceivedAsync("/charge")).Count);
    }

    private HttpClient NewClient() =>
        new(new ResilienceHandler(ResilienceHandler.BuildPipeline(TimeSpan.FromSeconds(5), 3, TimeProvider.System))
        {
            InnerHandler = new SocketsHttpHandler(),
        })
        {
            BaseAddress = wireMock.BaseAddress,
        };
}
