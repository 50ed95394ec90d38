namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Drives the checkout over HTTP the way the page's JavaScript and the shopper would.</summary>
public sealed partial class Shopper(CheckoutAppFactory app, HttpClient http)
{
    private readonly HttpClient _sandboxHttp = new() { BaseAddress = app.Emulator.Root };

    private string SandboxApiKey => app.Emulator.Keys.KlarnaApiKey;

    /// <summary>The order the shopper's first <see cref="InitiateAsync"/> opened; empty before it.</summary>
    public string CheckoutId { get; private set; } = "";

    /// <summary>The key the checkout page carries; the order is opened under it when the shopper starts to pay.</summary>
    public string CheckoutKey { get; private set; } = "";

    public string PlanId { get; private set; } = "";

    public string Csrf { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public string PageHtml { get; private set; } = "";

    public static Shopper Start(CheckoutAppFactory app) => new(app, app.CreateBrowserLikeClient());

    public async Task OpenCheckoutAsync(string planId)
    {
        var response = await http.GetAsync($"checkout?plan={planId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PageHtml = await response.Content.ReadAsStringAsync();
        CheckoutKey = Data("checkout-key");
        PlanId = Data("plan-id");
        Csrf = WebUtility.HtmlDecode(Data("csrf"));
        ClientId = Data("client-id");
    }

    public string Data(string name)
    {
        var match = Regex.Match(PageHtml, $"data-{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"The checkout page has no data-{name}.");
        return match.Groups[1].Value;
    }

    public async Task<string> SdkSessionTokenAsync()
    {
        var response = await _sandboxHttp.PostAsJsonAsync("sandbox/klarna/web-sdk/v2/session", new { clientId = ClientId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("klarna_network_session_token").GetString()!;
    }

    public async Task<HttpResponseMessage> PostPaymentRequestAsync(object body, bool withCsrf = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/payment-request") { Content = JsonContent.Create(body) };
        if (withCsrf)
        {
            request.Headers.Add("X-CSRF-TOKEN", Csrf);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Clicks the Klarna button: asks the server for a payment request, as <c>initiate</c> does.</summary>
    public async Task<JsonElement> InitiateAsync()
    {
        var response = await PostPaymentRequestAsync(new
        {
            checkoutKey = CheckoutKey,
            planId = PlanId,
            klarnaNetworkSessionToken = await SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        CheckoutId = answer.GetProperty("checkoutId").GetString()!;
        return answer;
    }

    /// <summary>Finishes Klarna's purchase journey without a browser, through the sandbox's test helper.</summary>
    public async Task<JsonElement> SimulateJourneyAsync(string paymentRequestId, string action, string email = "customer+us@klarna.com")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"sandbox/klarna/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}/simulate")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { action, email }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", SandboxApiKey);
        var response = await _sandboxHttp.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatusAsync()
    {
        var response = await http.GetAsync($"api/checkouts/{CheckoutId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls as the return page does, until the order is final.</summary>
    public async Task<JsonElement> WaitForFinalStatusAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await StatusAsync();
            if (status.GetProperty("final").GetBoolean())
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The order stayed {status.GetProperty("status")}.");
            await Task.Delay(100);
        }
    }

    public async Task<string> ConfirmationPageAsync()
    {
        var response = await http.GetAsync($"checkout/confirmation?checkoutId={CheckoutId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    /// <summary>The acquirer's payment id the order was given (acquirer-led flow), read from the database.</summary>
    public async Task<string?> AcquirerPaymentIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Checkout.Web.Infrastructure.Persistence.CheckoutDbContext>();
        var id = Guid.Parse(CheckoutId);
        return await db.Orders.Where(o => o.Id == id).Select(o => o.AcquirerPaymentId).SingleAsync();
    }
}
