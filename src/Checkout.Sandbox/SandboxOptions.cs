namespace Checkout.Sandbox;

/// <summary>The emulator's settings (section <c>Sandbox</c>); keys it is not given are generated at start.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

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

    /// <summary>What <c>klarna setup</c> registers: the app acts on the completed event and reads Klarna for the rest.</summary>
    public static readonly string[] DefaultWebhookEventTypes = ["payment.request.state-change.completed"];

    /// <summary>The API key the emulator accepts from the merchant.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The client id the Web SDK stand-in accepts.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Signs the webhooks: the merchant configures the same id and key to verify them.</summary>
    public string SigningKeyId { get; set; } = "";

    public string SigningKey { get; set; } = "";

    /// <summary>Absolute URL; when empty, the origin of the create call + <c>/api/webhooks/klarna</c>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>What the default registration for the app subscribes to; when absent, <see cref="DefaultWebhookEventTypes"/>.</summary>
    public string[]? WebhookEventTypes { get; set; }

    public TimeSpan PaymentRequestLifetime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Delays between delivery attempts; when absent, <see cref="DefaultWebhookRetryDelays"/>.</summary>
    public TimeSpan[]? WebhookRetryDelays { get; set; }

    /// <summary>Forces the presentation instruction (SHOW_KLARNA, PRESELECT_KLARNA, SHOW_ONLY_KLARNA, HIDE_KLARNA).</summary>
    public string? Instruction { get; set; }

    /// <summary>The shape of the Web SDK's presentation: <c>PaymentOption</c> (default), <c>PaymentOptions</c>, <c>Flat</c> or <c>Unreadable</c>.</summary>
    public Klarna.WebSdk.PresentationShape PresentationShape { get; set; }

    /// <summary>
    /// Whether a declined token charge carries the emulator's <c>result_reason</c> code (<c>Sent</c>) or is a plain
    /// <c>DECLINED</c>, as Klarna's public material shows (<c>Omitted</c>): a revoked token is then told by nothing.
    /// </summary>
    public DeclineReasons TokenChargeDeclineReasons { get; set; } = DeclineReasons.Sent;

    /// <summary>Where the completed webhook carries the session token and <c>klarna_customer</c>; reads always use <c>state_context</c>.</summary>
    public WebhookTokenPlacement WebhookTokenPlacement { get; set; } = WebhookTokenPlacement.Payload;
}

/// <summary>What a declined token charge says about why.</summary>
public enum DeclineReasons
{
    /// <summary><c>result_reason</c> with the emulator's own code (<c>CUSTOMER_TOKEN_REVOKED</c>, <c>TEST_AMOUNT_ENDS_IN_13</c>, …).</summary>
    Sent,

    /// <summary>No <c>result_reason</c>: <c>DECLINED</c> alone, all the public pages show.</summary>
    Omitted,
}

/// <summary>Where <c>klarna_network_session_token</c> and <c>klarna_customer</c> go in a webhook's <c>payload</c>.</summary>
public enum WebhookTokenPlacement
{
    /// <summary>At the top of <c>payload</c>, as Krokedil's klarna-express-checkout reads them.</summary>
    Payload,

    /// <summary>Under <c>payload.state_context</c>, as the Read Payment Request API returns them.</summary>
    StateContext,

    /// <summary>In both places.</summary>
    Both,
}

public sealed class SandboxAcquirerOptions
{
    /// <summary>The bearer key the sandbox acquirer accepts from the merchant.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The acquirer's own Klarna API key, accepted only by the Payment Authorize API; generated when absent.</summary>
    public string KlarnaApiKey { get; set; } = "";

    /// <summary>Signs the partner callbacks.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Where the acquirer reaches Klarna; when empty, the origin of the create call + <c>/sandbox/klarna/</c>.</summary>
    public string? KlarnaBaseUrl { get; set; }

    /// <summary>The merchant's account at Klarna, the <c>{partner_account_id}</c> of the Payment Authorize path.</summary>
    public string PartnerAccountId { get; set; } = "krn:partner:global:account:test:SANDBOX1";

    /// <summary>Absolute URL; when empty, the origin of the create call + <c>/api/webhooks/acquirer</c>.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>Delays between callback attempts; when absent, <see cref="SandboxKlarnaOptions.DefaultWebhookRetryDelays"/>.</summary>
    public TimeSpan[]? CallbackRetryDelays { get; set; }

    /// <summary>
    /// Test hook: after Klarna's completed webhook, wait for <c>POST /v1/payments/{id}/finalize</c> instead of
    /// finalizing at once, so a test can move the clock between completion and finalization.
    /// </summary>
    public bool HoldFinalization { get; set; }
}
