namespace Storefront;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

/// <summary>What the store asks the checkout to open: its plan, its customer, and where to bring them back.</summary>
public sealed record NewCheckoutSession(string PlanId, string ClientReferenceId, string SuccessUrl, string CancelUrl);

/// <summary>A checkout session as the checkout answers it (the fields this store uses).</summary>
public sealed record CheckoutSession(Guid Id, string Url, string Status, string ClientReferenceId, Guid? SubscriptionId);

/// <summary>The checkout's merchant API (<c>/api/v1/checkout-sessions</c>), with the store's key.</summary>
public sealed class CheckoutClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Opens a session. <paramref name="idempotencyKey"/> names this attempt: sent again (a retry, a double click), the
    /// checkout answers the same session instead of opening a second one.
    /// </summary>
    public async Task<CheckoutSession> OpenAsync(NewCheckoutSession session, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/checkout-sessions") { Content = JsonContent.Create(session, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CheckoutRefusedException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        return (await response.Content.ReadFromJsonAsync<CheckoutSession>(Json, cancellationToken))!;
    }

    /// <summary>The session, or null when the checkout has none with this id.</summary>
    public async Task<CheckoutSession?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/v1/checkout-sessions/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new CheckoutRefusedException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        return await response.Content.ReadFromJsonAsync<CheckoutSession>(Json, cancellationToken);
    }
}

public sealed class CheckoutRefusedException(int status, string body)
    : Exception($"The checkout answered {status}: {(body.Length > 500 ? body[..500] : body)}")
{
    public int Status { get; } = status;
}

public static class CheckoutClientRegistration
{
    /// <summary>
    /// The client with the checkout's address and the store's key, and the standard resilience handler: a timeout per
    /// attempt and in all, retries of transient failures (safe for the POST: it carries its Idempotency-Key), a breaker.
    /// </summary>
    public static IServiceCollection AddCheckoutClient(this IServiceCollection services)
    {
        services.AddHttpClient<CheckoutClient>((sp, http) =>
        {
            var settings = sp.GetRequiredService<IOptions<CheckoutSettings>>().Value;
            http.BaseAddress = settings.Root;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        })
        .AddStandardResilienceHandler();
        return services;
    }
}
