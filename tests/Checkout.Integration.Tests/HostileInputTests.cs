namespace Checkout.Integration.Tests;

using System.Net;
using System.Text;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A corpus of hostile requests against the public endpoints. Each gets a clear 4xx ProblemDetails, never
/// a 5xx, and none leaves anything behind in the database.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly Dictionary<string, string?> GenerousLimits = new()
    {
        ["RateLimits:PaymentsPerMinute"] = "100000",
        ["RateLimits:ReadsPerMinute"] = "100000",
    };

    [Fact]
    public async Task Every_hostile_request_gets_a_clear_4xx_and_leaves_no_state()
    {
        using var app = CheckoutAppFactory.With(null, 0, GenerousLimits, null);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var before = await CountRowsAsync(app);
        var webhooks = new KlarnaWebhooks(app);

        var corpus = HostileCorpus.Build(shopper.CheckoutKey, webhooks).ToList();
        Assert.True(corpus.Count >= 200, $"The corpus has only {corpus.Count} requests.");

        var failures = new List<string>();
        using var http = app.CreateBrowserLikeClient();
        await http.GetAsync($"checkout?plan=premium-monthly"); // the antiforgery cookie some cases need
        foreach (var hostile in corpus)
        {
            using var request = hostile.Build(shopper.Csrf);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || mediaType != "application/problem+json")
            {
                failures.Add($"{hostile.Name}: {status} {mediaType}");
            }
        }

        Assert.Empty(failures);
        var after = await CountRowsAsync(app);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Too_many_payment_requests_from_one_client_are_slowed_down()
    {
        using var app = CheckoutAppFactory.With(null, 0, new Dictionary<string, string?> { ["RateLimits:PaymentsPerMinute"] = "3" }, null);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await shopper.PostPaymentRequestAsync(new { checkoutKey = "not-a-guid", planId = "premium-monthly", paymentOptionId = "x" })).StatusCode);
        }
        var limited = await shopper.PostPaymentRequestAsync(new { checkoutKey = "not-a-guid", planId = "premium-monthly", paymentOptionId = "x" });

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    private static async Task<RowCounts> CountRowsAsync(CheckoutAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        return new RowCounts(
            await db.Orders.CountAsync(),
            await db.WebhookEvents.CountAsync(),
            await db.CustomerTokens.CountAsync(),
            await db.PendingAuthorizations.CountAsync(),
            await db.Orders.CountAsync(o => o.Status != Checkout.Domain.Orders.OrderStatus.Open));
    }

    private sealed record RowCounts(int Orders, int WebhookEvents, int Tokens, int PendingAuthorizations, int MovedOrders);
}

/// <summary>One hostile request: how to build it (given the page's antiforgery token) and what to call it.</summary>
public sealed record HostileRequest(string Name, Func<string, HttpRequestMessage> Build);

public static class HostileCorpus
{
    public static IEnumerable<HostileRequest> Build(string checkoutKey, KlarnaWebhooks webhooks)
    {
        foreach (var (name, body) in MalformedJson().Concat(WrongTypes(checkoutKey)).Concat(ForbiddenFields(checkoutKey)).Concat(BadIds()))
        {
            yield return PaymentRequest(name, body);
        }
        yield return PaymentRequest("300 KB body", "{\"checkoutKey\":\"" + new string('a', 300 * 1024) + "\"}");
        yield return PaymentRequest("17 KB body", Page(checkoutKey) + "\"paymentOptionId\":\"" + new string('a', 17 * 1024) + "\"}");
        yield return new("payment request without antiforgery token", _ => Json(HttpMethod.Post, "api/payment-request", Valid(checkoutKey)));
        yield return new("payment request with a forged antiforgery token", _ => WithCsrf(Json(HttpMethod.Post, "api/payment-request", Valid(checkoutKey)), "CfDJ8forged"));
        yield return new("payment request as text/plain", csrf => WithCsrf(new HttpRequestMessage(HttpMethod.Post, "api/payment-request")
        {
            Content = new StringContent(Valid(checkoutKey), Encoding.UTF8, "text/plain"),
        }, csrf));
        yield return new("payment request as a form", csrf => WithCsrf(new HttpRequestMessage(HttpMethod.Post, "api/payment-request")
        {
            Content = new FormUrlEncodedContent([new("checkoutKey", checkoutKey), new("planId", "premium-monthly")]),
        }, csrf));
        foreach (var plan in new[] { "gold", "PREMIUM-MONTHLY", "premium-monthly%00", "../../etc/passwd", "<script>", "' OR 1=1 --", "premium monthly", new string('p', 5000) })
        {
            yield return new($"unknown plan {plan[..Math.Min(20, plan.Length)]}", _ => new HttpRequestMessage(HttpMethod.Get, "checkout?plan=" + Uri.EscapeDataString(plan)));
        }
        for (var i = 0; i < 5; i++)
        {
            yield return new($"status of unknown checkout {i}", _ => new HttpRequestMessage(HttpMethod.Get, $"api/checkouts/{Guid.NewGuid()}"));
            yield return new($"cancel of unknown checkout {i}", csrf => WithCsrf(Json(HttpMethod.Post, $"api/checkouts/{Guid.NewGuid()}/cancel", "{}"), csrf));
        }
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Get })
        {
            yield return new($"{method} on the payment request endpoint", csrf => WithCsrf(Json(method, "api/payment-request", Valid(checkoutKey)), csrf));
            yield return new($"{method} on the webhook endpoint", _ => Json(method, "api/webhooks/klarna", "{}"));
        }
        foreach (var id in new[] { "not-a-guid", "1", "%2e%2e", "..%2f..%2fetc" })
        {
            yield return new($"status of malformed checkout id {id}", _ => new HttpRequestMessage(HttpMethod.Get, $"api/checkouts/{id}"));
        }
        yield return new("cancel without antiforgery token", _ => Json(HttpMethod.Post, $"api/checkouts/{checkoutKey}/cancel", "{}"));
        yield return new("return page for an unknown checkout", _ => new HttpRequestMessage(HttpMethod.Get, $"checkout/return?checkoutId={Guid.NewGuid()}"));
        yield return new("confirmation for an unknown checkout", _ => new HttpRequestMessage(HttpMethod.Get, $"checkout/confirmation?checkoutId={Guid.NewGuid()}"));
        yield return new("confirmation with a malformed id", _ => new HttpRequestMessage(HttpMethod.Get, "checkout/confirmation?checkoutId=javascript:alert(1)"));
        foreach (var token in new[] { "not-a-token", "CfDJ8" + new string('A', 120), Guid.NewGuid().ToString("N"), "%3Cscript%3E", new string('t', 3000) })
        {
            yield return new($"shopper's page for token {token[..Math.Min(12, token.Length)]}", _ => new HttpRequestMessage(HttpMethod.Get, $"subscription/{token}"));
            yield return new($"shopper's cancel for token {token[..Math.Min(12, token.Length)]}", csrf => WithCsrf(Json(HttpMethod.Post, $"subscription/{token}/cancel", "{}"), csrf));
        }
        yield return new("shopper's cancel without antiforgery token", _ => new HttpRequestMessage(HttpMethod.Post, "subscription/not-a-token/cancel"));
        foreach (var hostile in Webhooks(webhooks))
        {
            yield return hostile;
        }
    }

    private static string Valid(string checkoutKey) => Page(checkoutKey) + "\"paymentOptionId\":\"opt\",\"klarnaNetworkSessionToken\":\"tok\"}";

    /// <summary>The start of a body naming the page's own checkout key and plan, as the page's script sends them.</summary>
    private static string Page(string checkoutKey) => "{\"checkoutKey\":\"" + checkoutKey + "\",\"planId\":\"premium-monthly\",";

    private static IEnumerable<(string, string)> MalformedJson()
    {
        string[] bodies =
        [
            "", " ", "{", "}", "[", "{\"checkoutKey\":", "{\"checkoutKey\":\"x\"", "{\"checkoutKey\":\"x\",}", "{'checkoutKey':'x'}",
            "{checkoutKey: \"x\"}", "NaN", "undefined", "null", "true", "123", "\"string\"", "[]", "[{}]", "{\"a\":1}{\"b\":2}",
            "{\"checkoutKey\":\"\\u0000\"}", "{\"checkoutKey\":\"\\ud800\"}", "\u00ef\u00bb\u00bf{}", "{\"checkoutKey\":\"x\" /* c */}",
            "{\"checkoutKey\":01}", "{\"checkoutKey\":1e99999}", "{\"checkoutKey\":\"x\",\"checkoutKey\":\"y\"}", "\u0001\u0002\u0003",
            "<xml/>", "checkoutKey=x", "{\"checkoutKey\":\"x\"]", "{\"\":\"\"}", "{\"checkoutKey\":\"\\x41\"}",
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            yield return ($"malformed json #{i}", bodies[i]);
        }
        foreach (var depth in new[] { 17, 64, 65, 500, 5000 })
        {
            yield return ($"objects nested {depth} deep", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            yield return ($"arrays nested {depth} deep", "{\"checkoutKey\":" + new string('[', depth) + new string(']', depth) + "}");
        }
    }

    private static IEnumerable<(string, string)> WrongTypes(string checkoutKey)
    {
        string[] values = ["123", "true", "false", "[]", "{}", "1.5", "-1", "[\"" + checkoutKey + "\"]", "{\"id\":\"" + checkoutKey + "\"}"];
        foreach (var field in new[] { "checkoutKey", "planId", "paymentOptionId", "klarnaNetworkSessionToken" })
        {
            foreach (var value in values)
            {
                var body = field switch
                {
                    "checkoutKey" => "{\"checkoutKey\":" + value + ",\"planId\":\"premium-monthly\",\"paymentOptionId\":\"opt\"}",
                    "planId" => "{\"checkoutKey\":\"" + checkoutKey + "\",\"planId\":" + value + ",\"paymentOptionId\":\"opt\"}",
                    "paymentOptionId" => Page(checkoutKey) + "\"paymentOptionId\":" + value + "}",
                    _ => Page(checkoutKey) + "\"paymentOptionId\":\"opt\",\"" + field + "\":" + value + "}",
                };
                yield return ($"{field} as {value}", body);
            }
        }
    }

    private static IEnumerable<(string, string)> ForbiddenFields(string checkoutKey)
    {
        (string Field, string Value)[] fields =
        [
            ("amount", "-1"), ("amount", "0"), ("amount", "1"), ("amount", "9223372036854775807"), ("amount", "9223372036854775808"),
            ("amount", "-9223372036854775809"), ("amount", "1e400"), ("amount", "99.99"), ("amount", "\"999\""), ("amount", "null"),
            ("currency", "\"XXX\""), ("currency", "\"usd\""), ("currency", "\"\""), ("currency", "\"US\""), ("currency", "\"BTC\""),
            ("returnUrl", "\"javascript:alert(1)\""), ("returnUrl", "\"/relative\""), ("returnUrl", "\"//evil.example\""),
            ("returnUrl", "\"data:text/html,<script>alert(1)</script>\""), ("return_url", "\"https://evil.example\""),
            ("checkoutId", "\"" + Guid.NewGuid() + "\""), ("plan", "\"free\""), ("price", "0"), ("status", "\"Completed\""), ("__proto__", "{}"),
        ];
        foreach (var (field, value) in fields)
        {
            yield return ($"forbidden {field}={value}", Page(checkoutKey) + "\"paymentOptionId\":\"opt\",\"" + field + "\":" + value + "}");
        }
    }

    private static IEnumerable<(string, string)> BadIds()
    {
        foreach (var plan in new[] { "\"gold\"", "\"PREMIUM-MONTHLY\"", "\"\"", "null", "\"<script>alert(1)</script>\"", "\"" + new string('p', 5000) + "\"" })
        {
            yield return ($"checkout key with plan {plan[..Math.Min(12, plan.Length)]}", $$"""{"checkoutKey":"{{Guid.NewGuid()}}","planId":{{plan}},"paymentOptionId":"opt"}""");
        }
        yield return ("missing plan", $$"""{"checkoutKey":"{{Guid.NewGuid()}}","paymentOptionId":"opt"}""");
        foreach (var key in new[] { "", "not-a-guid", "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --", "<script>alert(1)</script>", new string('9', 5000) })
        {
            yield return ($"malformed checkout key {key[..Math.Min(12, key.Length)]}", $$"""{"checkoutKey":"{{key}}","planId":"premium-monthly","paymentOptionId":"opt"}""");
        }
        yield return ("missing checkout key", """{"planId":"premium-monthly","paymentOptionId":"opt"}""");
        yield return ("missing payment option", $$"""{"checkoutKey":"{{Guid.NewGuid()}}","planId":"premium-monthly"}""");
        foreach (var option in new[] { "\"\"", "\"   \"", "null", "\"" + new string('o', 501) + "\"" })
        {
            yield return ($"payment option {option[..Math.Min(8, option.Length)]}", "{\"checkoutKey\":\"" + Guid.NewGuid() + "\",\"planId\":\"premium-monthly\",\"paymentOptionId\":" + option + "}");
        }
        yield return ("session token over 8 KB", "{\"checkoutKey\":\"" + Guid.NewGuid() + "\",\"planId\":\"premium-monthly\",\"paymentOptionId\":\"o\",\"klarnaNetworkSessionToken\":\"" + new string('t', 9000) + "\"}");
        yield return ("empty object", "{}");
    }

    private static IEnumerable<HostileRequest> Webhooks(KlarnaWebhooks webhooks)
    {
        var (keyId, secret) = webhooks.SigningKey;
        var stale = DateTimeOffset.UtcNow.AddDays(-2).ToString("O");
        string[] bodies =
        [
            """{"metadata":{"event_type":"payment.request.state-change.completed","event_id":"forged-1"},"payload":{"payment_request_id":"krn:x","state":"COMPLETED"}}""",
            """{"metadata":{},"payload":{}}""", "[]", "{}", "not json",
            $$$"""{"metadata":{"event_type":"payment.request.state-change.completed","event_id":"stale-1","occurred_at":"{{{stale}}}"}}""",
            string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100),
        ];
        var index = 0;
        foreach (var body in bodies)
        {
            var n = index++;
            yield return new($"webhook #{n} unsigned", _ => Webhook(body, null, null));
            yield return new($"webhook #{n} signed with an unknown key", _ => Webhook(body, "nope", KlarnaWebhooks.Sign(secret, body)));
            yield return new($"webhook #{n} signed with the wrong secret", _ => Webhook(body, keyId, KlarnaWebhooks.Sign("wrong", body)));
            yield return new($"webhook #{n} with a truncated signature", _ => Webhook(body, keyId, KlarnaWebhooks.Sign(secret, body)[..40]));
            yield return new($"webhook #{n} with a non-hex signature", _ => Webhook(body, keyId, new string('z', 64)));
            yield return new($"webhook #{n} signed for another body", _ => Webhook(body + " ", keyId, KlarnaWebhooks.Sign(secret, body)));
        }
        // Correctly signed, but still not something to act on.
        foreach (var body in bodies.Skip(1))
        {
            var n = index++;
            yield return new($"webhook #{n} signed but unusable", _ => Webhook(body, keyId, KlarnaWebhooks.Sign(secret, body)));
        }
        yield return new("acquirer callback unsigned", _ => Json(HttpMethod.Post, "api/webhooks/acquirer", """{"event_id":"x","status":"completed"}"""));
    }

    private static HostileRequest PaymentRequest(string name, string body) =>
        new(name, csrf => WithCsrf(Json(HttpMethod.Post, "api/payment-request", body), csrf));

    private static HttpRequestMessage Webhook(string body, string? keyId, string? signature)
    {
        var request = Json(HttpMethod.Post, "api/webhooks/klarna", body);
        if (keyId is not null)
        {
            request.Headers.TryAddWithoutValidation("Klarna-Signing-Key-Id", keyId);
        }
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Klarna-Signature", signature);
        }
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage WithCsrf(HttpRequestMessage request, string token)
    {
        request.Headers.TryAddWithoutValidation("X-CSRF-TOKEN", token);
        return request;
    }
}
