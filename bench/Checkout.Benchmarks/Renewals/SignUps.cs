namespace Checkout.Benchmarks.Renewals;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Benchmarks.Load;

/// <summary>
/// Real sign-ups through the app and the emulator, as a shopper makes them: the checkout page, Klarna's session, the
/// payment request, the purchase journey approved through the emulator's test helper, then the order's final status.
/// Their subscriptions hold customer tokens the app encrypted itself, which the benchmark then copies.
/// </summary>
public static class SignUps
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(CheckoutApp app, int count, string plan)
    {
        for (var i = 0; i < count; i++)
        {
            await SignUpAsync(app, plan, $"customer+us+bench{i}@klarna.com");
        }
        var deadline = DateTime.UtcNow + Limit;
        while (await app.CountAsync("Subscriptions") < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{count} sign-ups completed, yet only {await app.CountAsync("Subscriptions")} subscriptions started within {Limit.TotalSeconds:F0} s.");
            }
            await Task.Delay(100);
        }
    }

    private static async Task SignUpAsync(CheckoutApp app, string plan, string email)
    {
        var cookies = new CookieContainer();
        using var http = BehindTlsProxy.Client(app.Root, cookies, followRedirects: false);
        using var emulator = new HttpClient { BaseAddress = app.SandboxRoot };

        var html = await http.GetStringAsync(new Uri($"checkout?plan={plan}", UriKind.Relative));
        using var session = await emulator.PostAsJsonAsync(new Uri("sandbox/klarna/web-sdk/v2/session", UriKind.Relative), new { clientId = app.Keys.ClientId });
        session.EnsureSuccessStatusCode();
        var sessionToken = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("klarna_network_session_token").GetString();

        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri("api/payment-request", UriKind.Relative))
        {
            Content = JsonContent.Create(new { checkoutKey = Data(html, "checkout-key"), planId = Data(html, "plan-id"), klarnaNetworkSessionToken = sessionToken, paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=" }),
        };
        start.Headers.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(Data(html, "csrf")));
        using var started = await http.SendAsync(start);
        var answer = await started.Content.ReadFromJsonAsync<JsonElement>();
        if (!started.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The payment request for a sign-up failed: {(int)started.StatusCode} {answer}");
        }
        var checkoutId = answer.GetProperty("checkoutId").GetString();
        var paymentRequestId = answer.GetProperty("paymentRequestId").GetString()!;

        using var approve = new HttpRequestMessage(HttpMethod.Post, new Uri($"sandbox/klarna/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}/simulate", UriKind.Relative))
        {
            Content = JsonContent.Create(new { action = "approve", email }),
        };
        approve.Headers.Authorization = new AuthenticationHeaderValue("Basic", app.Keys.KlarnaApiKey);
        using var approved = await emulator.SendAsync(approve);
        approved.EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/checkouts/{checkoutId}", UriKind.Relative));
            if (status.GetProperty("final").GetBoolean())
            {
                if (status.GetProperty("status").GetString() != "Completed")
                {
                    throw new InvalidOperationException($"Sign-up {checkoutId} ended {status}.");
                }
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Sign-up {checkoutId} was not final within {Limit.TotalSeconds:F0} s: {status}.");
            }
            await Task.Delay(100);
        }
    }

    private static string Data(string html, string name) =>
        Regex.Match(html, $"data-{name}=\"([^\"]*)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"No data-{name} in the checkout page.");
}
