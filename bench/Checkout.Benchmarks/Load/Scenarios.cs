namespace Checkout.Benchmarks.Load;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Benchmarks.Micro;
using Checkout.Klarna.Webhooks;

/// <summary>The wrk scripts, and the data files they send, prepared before the clock starts.</summary>
public static class Scenarios
{
    /// <summary>Reads the data file in each wrk thread (every thread its own share of lines) and prebuilds the requests.</summary>
    private const string FromFile = """
        local counter = 0
        function setup(thread)
          thread:set("tid", counter)
          counter = counter + 1
        end

        function init(args)
          requests = {}
          local i = 0
          for line in io.lines("FILE") do
            if i % THREADS == tid then
              requests[#requests + 1] = build(line)
            end
            i = i + 1
          end
          position = 0
        end

        function request()
          position = position + 1
          return requests[((position - 1) % #requests) + 1]
        end
        """;

    public static string BareGet(string directory) => Wrk.Script(directory, "bare-get", "");

    public static string BarePost(string directory) => Wrk.Script(directory, "bare-post", """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = '{"checkoutKey":"6f1c1f7e-41d4-4a43-9a55-7b5a63a1c2d9","planId":"premium-monthly","klarnaNetworkSessionToken":"krn:network:us1:test:session-token:0123456789abcdef","paymentOptionId":"S0xBUk5BX0RFRkFVTFQ="}'
        """);

    private static string FileScript(string directory, string name, string dataFile, int threads, string build) =>
        Wrk.Script(directory, name, build + "\n" + FromFile.Replace("FILE", dataFile, StringComparison.Ordinal)
            .Replace("THREADS", threads.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>
    /// Opens <paramref name="count"/> checkout pages (GET /checkout, as a shopper's browser does; no order yet) and writes
    /// one line each: checkout key, plan, antiforgery token, antiforgery cookie, Klarna network session token.
    /// </summary>
    public static async Task<string> OpenCheckoutsAsync(CheckoutApp app, string directory, string name, int count, string plan)
    {
        var lines = new string[count];
        const int Shoppers = 8;
        await Parallel.ForEachAsync(Enumerable.Range(0, Shoppers), new ParallelOptions { MaxDegreeOfParallelism = Shoppers }, async (s, ct) =>
        {
            var cookies = new CookieContainer();
            var root = app.Root;
            using var http = BehindTlsProxy.Client(root, cookies);
            using var session = await http.PostAsJsonAsync(new Uri(app.SandboxRoot, "sandbox/klarna/web-sdk/v2/session"), new { clientId = app.Keys.ClientId }, ct);
            session.EnsureSuccessStatusCode();
            var token = (await session.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("klarna_network_session_token").GetString()!;
            for (var i = s; i < count; i += Shoppers)
            {
                var html = await http.GetStringAsync(new Uri($"checkout?plan={plan}", UriKind.Relative), ct);
                lines[i] = string.Join('\t', Data(html, "checkout-key"), Data(html, "plan-id"), WebUtility.HtmlDecode(Data(html, "csrf")), cookies.GetCookieHeader(BehindTlsProxy.Https(root)), token);
            }
        });
        var path = Path.Combine(directory, name + ".tsv");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    public static string PaymentRequest(string directory, string name, string dataFile, int threads) => FileScript(directory, name, dataFile, threads, """
        function build(line)
          local checkout, plan, csrf, cookie, session = line:match("([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
          local body = '{"checkoutKey":"' .. checkout .. '","planId":"' .. plan .. '","klarnaNetworkSessionToken":"' .. session .. '","paymentOptionId":"S0xBUk5BX0RFRkFVTFQ="}'
          return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-CSRF-TOKEN"] = csrf, ["Cookie"] = cookie, ["X-Forwarded-Proto"] = "https" }, body)
        end
        """);

    /// <summary>Writes <paramref name="count"/> signed webhook envelopes with distinct event ids: signature, tab, body.</summary>
    public static async Task<string> SignWebhooksAsync(string directory, string name, int count, string signingKey)
    {
        var lines = new string[count];
        Parallel.For(0, count, i =>
        {
            var body = Samples.WebhookBody(Guid.NewGuid().ToString());
            lines[i] = WebhookSignatureVerifier.Sign(signingKey, body) + "\t" + Encoding.UTF8.GetString(body);
        });
        var path = Path.Combine(directory, name + ".tsv");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    public static string Webhook(string directory, string name, string dataFile, int threads) => FileScript(directory, name, dataFile, threads, $$"""
        function build(line)
          local signature, body = line:match("([^\t]*)\t(.*)")
          return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["{{WebhookSignatureVerifier.KeyIdHeader}}"] = "{{CheckoutApp.SigningKeyId}}", ["{{WebhookSignatureVerifier.SignatureHeader}}"] = signature }, body)
        end
        """);

    private static string Data(string html, string name) =>
        Regex.Match(html, $"data-{name}=\"([^\"]*)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"No data-{name} in the checkout page.");
}
