namespace Checkout.Sandbox;

/// <summary>The sandbox's own settings (section <c>Sandbox</c>); secrets default to the app's Klarna and acquirer settings.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public bool Enabled { get; set; }

    public SandboxKlarnaOptions Klarna { get; set; } = new();

    public SandboxAcquirerOptions Acquirer { get; set; } = new();
}

public sealed class SandboxKlarnaOptions
{
    public static readonly TimeSpan[] DefaultWebhookRetryDelays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
    ];

    /// <summary>The API key the emulator accepts; defaults to <c>Klarna:ApiKey</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Defaults to <c>Klarna:ClientId</c>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Defaults to the first key of <c>Klarna:WebhookSigningKeys</c>.</summary>
    public string SigningKeyId { get; set; } = "";

    public string SigningKey { get; set; } = "";

    /// <summary>Absolute URL; when empty, the origin of the create call + <c>/api/webhooks/klarna</c>.</summary>
    public string? WebhookUrl { get; set; }

    public TimeSpan PaymentRequestLifetime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Delays between delivery attempts; when absent, <see cref="DefaultWebhookRetryDelays"/>.</summary>
    public TimeSpan[]? WebhookRetryDelays { get; set; }

    /// <summary>Forces the presentation instruction (SHOW_KLARNA, PRESELECT_KLARNA, SHOW_ONLY_KLARNA, HIDE_KLARNA).</summary>
    public string? Instruction { get; set; }
}

public sealed class SandboxAcquirerOptions
{
    /// <summary>Defaults to <c>Acquirer:ApiKey</c>.</summary>
    public string ApiKey { get; set; } = "";
}
