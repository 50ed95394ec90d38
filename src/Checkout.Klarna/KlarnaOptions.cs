namespace Checkout.Klarna;

/// <summary>Settings under <c>Klarna:</c>. Keys are part of the deployment contract.</summary>
public sealed class KlarnaOptions
{
    public const string Section = "Klarna";

    /// <summary>Klarna's API root, e.g. https://api-global.test.klarna.com/.</summary>
    public string? BaseUrl { get; set; }

    public string ApiKey { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Where the browser loads klarna.mjs: https://js.klarna.com/web-sdk/v2/klarna.mjs.</summary>
    public string? SdkUrl { get; set; }

    /// <summary>DEVICE_BEST, ON_PAGE or REDIRECT.</summary>
    public string InitiationMode { get; set; } = "DEVICE_BEST";

    /// <summary>Signing key id to secret; several at once while keys rotate.</summary>
    public Dictionary<string, string> WebhookSigningKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Direct: the checkout creates Klarna's payment request (the merchant-led flow). AcquirerLed: the acquirer does (the acquirer-led flow).</summary>
    public KlarnaFlow Flow { get; set; } = KlarnaFlow.Direct;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public enum KlarnaFlow
{
    Direct,
    AcquirerLed,
}
