namespace Checkout.Browser.Tests;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// The sample store (samples/Storefront) in the test process on real Kestrel, on a port chosen before the checkout starts
/// so the checkout's settings can name its events endpoint. Its settings are the checkout's: <see cref="ApiKey"/> is
/// one of the checkout's <c>Merchant:ApiKeys</c>, <see cref="EventsSecret"/> signs the checkout's events to it.
/// </summary>
public sealed class StoreHost : WebApplicationFactory<Storefront.SubscriptionLedger>
{
    public const string ApiKey = "storefront-browser-test-key-0123456789abcdef";
    public const string EventsSecret = EventReceiver.Secret;

    private readonly Uri _checkout;

    public StoreHost(int port, Uri checkout)
    {
        Port = port;
        _checkout = checkout;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public int Port { get; }

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    /// <summary>What the checkout needs to serve a store on <paramref name="port"/>: the store's key, and its events endpoint.</summary>
    public static Dictionary<string, string> CheckoutSettings(int port) => new()
    {
        ["Merchant:ApiKeys:0"] = ApiKey,
        ["Merchant:Webhooks:storefront:Url"] = $"http://127.0.0.1:{port}/checkout-events",
        ["Merchant:Webhooks:storefront:Secret"] = EventsSecret,
        ["Merchant:EventDelivery:PollInterval"] = "00:00:00.050",
    };

    public void Start() => StartServer();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Checkout:BaseUrl", _checkout.ToString());
        builder.UseSetting("Checkout:ApiKey", ApiKey);
        builder.UseSetting("Checkout:WebhookSecret", EventsSecret);
        builder.UseSetting("Store:PlanId", "premium-monthly");
    }
}
