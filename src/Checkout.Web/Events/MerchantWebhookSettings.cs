namespace Checkout.Web.Events;

/// <summary>One of the merchant's endpoints, under <c>Merchant:Webhooks:&lt;name&gt;</c>.</summary>
public sealed class WebhookEndpointSettings
{
    public string? Url { get; set; }

    /// <summary>A Standard Webhooks secret: <c>whsec_</c> and 24 to 64 random bytes in base64.</summary>
    public string? Secret { get; set; }

    /// <summary>The event types it wants; none: all.</summary>
    public string[] Events { get; set; } = [];

    public bool Wants(string type) => Events.Length == 0 || Events.Contains(type, StringComparer.Ordinal);
}

/// <summary>Where events go (<c>Merchant:Webhooks</c>, by endpoint name) and how they are delivered (<c>Merchant:EventDelivery</c>).</summary>
public sealed class MerchantWebhookSettings
{
    public const string Section = "Merchant:Webhooks";

    public Dictionary<string, WebhookEndpointSettings> Endpoints { get; } = new(StringComparer.Ordinal);
}

/// <summary>Settings under <c>Merchant:EventDelivery</c>.</summary>
public sealed class EventDeliverySettings
{
    public const string Section = "Merchant:EventDelivery";

    /// <summary>How long one POST to an endpoint may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker looks for deliveries that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
