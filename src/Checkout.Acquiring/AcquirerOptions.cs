namespace Checkout.Acquiring;

/// <summary>Settings under <c>Acquirer:</c>.</summary>
public sealed class AcquirerOptions
{
    public const string Section = "Acquirer";

    public AcquirerKind Kind { get; set; } = AcquirerKind.Generic;

    public string? BaseUrl { get; set; }

    /// <summary>Bearer key for <see cref="AcquirerKind.Generic"/>.</summary>
    public string ApiKey { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Worldline Connect merchant id: the <c>{merchantId}</c> in <c>/v1/{merchantId}/payments</c>.</summary>
    public string? MerchantId { get; set; }

    /// <summary>Worldline Connect API key id, sent in the clear in the Authorization header.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>Worldline Connect secret API key: signs requests, never sent, never logged.</summary>
    public string? SecretApiKey { get; set; }

    /// <summary>Verifies the acquirer's signed callbacks (<c>Acquirer-Signature</c>) in the acquirer-led flow.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where Worldline sends the shopper back if it ever redirects; left out of the request when empty.</summary>
    public string? ReturnUrl { get; set; }
}

public enum AcquirerKind
{
    /// <summary>The generic acquirer's <c>POST {BaseUrl}/payment</c>.</summary>
    Generic,

    /// <summary>Worldline Connect's <c>POST {BaseUrl}/v1/{merchantId}/payments</c> with product 838 (Klarna).</summary>
    WorldlineConnect,
}
