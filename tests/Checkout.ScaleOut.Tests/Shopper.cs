namespace Checkout.ScaleOut.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Web.Infrastructure.Http;

/// <summary>
/// A shopper behind a load balancer without sticky sessions: the checkout page comes from one instance,
/// the Klarna button's call goes to the other (so antiforgery relies on the shared Data Protection keys).
/// </summary>
public sealed partial class Shopper(SandboxServer sandbox) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Opens the page on <paramref name="pageFrom"/>, pays through <paramref name="payThrough"/>, approves at Klarna.</summary>
    public async Task<Guid> CheckOutAsync(string planId, AppInstance pageFrom, AppInstance payThrough)
    {
        var page = await _http.GetStringAsync(new Uri(pageFrom.Root, $"checkout?plan={planId}"));
        var checkoutKey = Data(page, "checkout-key");
        var csrf = WebUtility.HtmlDecode(Data(page, "csrf"));

        using var session = await _http.PostAsJsonAsync(
            new Uri(sandbox.Root, "sandbox/klarna/web-sdk/v2/session"), new { clientId = Data(page, "client-id") });
        session.EnsureSuccessStatusCode();
        var sessionToken = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("klarna_network_session_token").GetString();

        using var initiate = new HttpRequestMessage(HttpMethod.Post, new Uri(payThrough.Root, "api/payment-request"))
        {
            Content = JsonContent.Create(new { checkoutKey, planId, klarnaNetworkSessionToken = sessionToken, paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=" }),
        };
        initiate.Headers.Add(AntiforgeryHeaderFilter.HeaderName, csrf);
        using var started = await _http.SendAsync(initiate);
        Assert.True(started.IsSuccessStatusCode, $"{payThrough.Name}: {await started.Content.ReadAsStringAsync()}");
        var answer = await started.Content.ReadFromJsonAsync<JsonElement>();
        var checkoutId = answer.GetProperty("checkoutId").GetGuid();
        var paymentRequestId = answer.GetProperty("paymentRequestId").GetString()!;

        using var approve = new HttpRequestMessage(
            HttpMethod.Post, new Uri(sandbox.Root, $"sandbox/klarna/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}/simulate"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { action = "approve", email = "customer+us@klarna.com" }), Encoding.UTF8, "application/json"),
        };
        approve.Headers.Authorization = new AuthenticationHeaderValue("Basic", sandbox.Keys.KlarnaApiKey);
        using var approved = await _http.SendAsync(approve);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        return checkoutId;
    }

    /// <summary>Polls the order's status as the return page does, until it is final.</summary>
    public async Task<string> WaitForFinalStatusAsync(Guid checkoutId, IReadOnlyList<AppInstance> instances, DateTime deadline)
    {
        for (var poll = 0; ; poll++)
        {
            var status = await _http.GetFromJsonAsync<JsonElement>(new Uri(instances[poll % instances.Count].Root, $"api/checkouts/{checkoutId}"));
            if (status.GetProperty("final").GetBoolean())
            {
                return status.GetProperty("status").GetString()!;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Order {checkoutId} stayed {status.GetProperty("status")}.");
            await Task.Delay(200);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Data(string html, string name)
    {
        var match = Regex.Match(html, $"data-{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"The checkout page has no data-{name}.");
        return match.Groups[1].Value;
    }
}
