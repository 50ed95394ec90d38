namespace Checkout.Web.Events;

using System.Security.Cryptography;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// <c>events send TYPE --to URL [--secret whsec_…]</c>: a correctly signed sample event for someone building their
/// receiver (no database). <c>events resend ID</c>: one more attempt now of a delivery (or of every delivery of an
/// event), recorded like the worker's. A failure is one line and exit code 1.
/// </summary>
public static class EventsCommands
{
    private const string Usage = "Usage: events send <type> --to <url> [--secret whsec_...] | events resend <delivery id or evt_ id>.";

    public static async Task<int> SendAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        if (args is not ["send", var type, .. var rest] || Options(rest) is not { } options || !options.TryGetValue("to", out var url))
        {
            await errors.WriteLineAsync(Usage);
            return 1;
        }
        if (!MerchantEventTypes.IsKnown(type))
        {
            await errors.WriteLineAsync($"'{type}' is not an event type; use {string.Join(", ", MerchantEventTypes.All)}.");
            return 1;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            await errors.WriteLineAsync($"--to {url} is not an http(s) URL.");
            return 1;
        }
        var secret = options.GetValueOrDefault("secret") ?? ConfiguredSecret(configuration, url);
        var generated = secret is null;
        secret ??= MerchantWebhookSettingsValidator.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (!MerchantWebhookSettingsValidator.IsSecret(secret))
        {
            await errors.WriteLineAsync("--secret must be a Standard Webhooks secret: whsec_ and 24 to 64 random bytes in base64.");
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        var id = MerchantEvents.NewId(now);
        var body = MerchantEvents.Body(id, type, now, SampleEvents.For(type, now));
        using var request = SignedEventSender.Sign(new WebhookEndpointSettings { Url = url, Secret = secret }, id, body, now);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(10) };
        if (generated)
        {
            await output.WriteLineAsync($"Signed with a new secret (pass --secret, or configure the endpoint, to use yours): {secret}");
        }
        await output.WriteLineAsync($"POST {url}  webhook-id: {id}  type: {type}");
        try
        {
            using var response = await http.SendAsync(request);
            var code = (int)response.StatusCode;
            await output.WriteLineAsync(response.IsSuccessStatusCode
                ? $"Delivered: the receiver answered {code}."
                : $"Not delivered: the receiver answered {code}; the checkout would try again with the same webhook-id.");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"Not delivered: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    public static async Task<int> ResendAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [var id])
        {
            await errors.WriteLineAsync(Usage);
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<EventDeliveryStore>();
        var deliveries = await store.FindAsync(id, CancellationToken.None);
        if (deliveries.Count == 0)
        {
            await errors.WriteLineAsync($"No delivery or event {id}; the operator's view (/admin/events) lists them.");
            return 1;
        }
        var worker = scope.ServiceProvider.GetRequiredService<EventDeliveryWorker>();
        var lease = scope.ServiceProvider.GetRequiredService<WorkLease>();
        var failed = 0;
        foreach (var deliveryId in deliveries)
        {
            await store.ResendAsync(deliveryId, CancellationToken.None);
            var claim = lease.NewClaim();
            if (await store.ClaimAsync(deliveryId, claim, CancellationToken.None) is not { } due)
            {
                await output.WriteLineAsync($"Delivery {deliveryId}: another instance is sending it right now.");
                continue;
            }
            var outcome = await worker.AttemptAsync(due, claim, CancellationToken.None);
            failed += outcome.Delivered ? 0 : 1;
            await output.WriteLineAsync($"Delivery {deliveryId} of {due.Delivery.EventId} to {due.Delivery.Endpoint}: "
                + (outcome.Delivered ? $"delivered ({outcome.StatusCode})." : $"not delivered: {outcome.Error}"));
        }
        return failed == 0 ? 0 : 1;
    }

    private static string? ConfiguredSecret(IConfiguration configuration, string url) =>
        configuration.GetSection(MerchantWebhookSettings.Section).GetChildren()
            .Select(endpoint => endpoint.Get<WebhookEndpointSettings>())
            .FirstOrDefault(endpoint => string.Equals(endpoint?.Url, url, StringComparison.OrdinalIgnoreCase))?.Secret;

    private static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }
}
