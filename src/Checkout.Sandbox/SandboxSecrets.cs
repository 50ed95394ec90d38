using Checkout.Sandbox.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>Fills in, in memory, every secret the app was not given, so the app and the sandbox agree on them.</summary>
internal static class SandboxSecrets
{
    public const string KlarnaApiKey = "Klarna:ApiKey";
    public const string KlarnaClientId = "Klarna:ClientId";
    public const string KlarnaSigningKeys = "Klarna:WebhookSigningKeys";
    public const string AcquirerApiKey = "Acquirer:ApiKey";
    public const string AcquirerWebhookSecret = "Acquirer:WebhookSecret";
    public const string AcquirerKlarnaApiKey = "Sandbox:Acquirer:KlarnaApiKey";

    public static void FillMissing(IConfigurationManager configuration)
    {
        var missing = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(configuration[KlarnaApiKey]))
        {
            missing[KlarnaApiKey] = $"klarna_test_api_sandbox_{RandomText.Hex(32)}";
        }

        if (!configuration.GetSection(KlarnaSigningKeys).GetChildren().Any())
        {
            missing[$"{KlarnaSigningKeys}:sandbox-{RandomText.Hex(8)}"] = RandomText.Hex(64);
        }

        if (string.IsNullOrEmpty(configuration[AcquirerApiKey]))
        {
            missing[AcquirerApiKey] = $"acquirer_test_{RandomText.Hex(32)}";
        }

        if (string.IsNullOrEmpty(configuration[AcquirerWebhookSecret]))
        {
            missing[AcquirerWebhookSecret] = RandomText.Hex(64);
        }

        if (string.IsNullOrEmpty(configuration[AcquirerKlarnaApiKey]))
        {
            missing[AcquirerKlarnaApiKey] = $"klarna_test_api_acquirer_{RandomText.Hex(32)}";
        }

        if (string.IsNullOrEmpty(configuration[KlarnaClientId]))
        {
            missing[KlarnaClientId] = "klarna_test_client_sandbox";
        }

        if (missing.Count > 0)
        {
            configuration.AddInMemoryCollection(missing);
        }
    }
}

internal sealed class SandboxOptionsDefaults(IConfiguration configuration) : IPostConfigureOptions<SandboxOptions>
{
    public void PostConfigure(string? name, SandboxOptions options)
    {
        var klarna = options.Klarna;
        if (string.IsNullOrEmpty(klarna.ApiKey))
        {
            klarna.ApiKey = configuration[SandboxSecrets.KlarnaApiKey] ?? "";
        }

        if (string.IsNullOrEmpty(klarna.ClientId))
        {
            klarna.ClientId = configuration[SandboxSecrets.KlarnaClientId] ?? "";
        }

        if (string.IsNullOrEmpty(klarna.SigningKeyId) || string.IsNullOrEmpty(klarna.SigningKey))
        {
            // Klarna's key ids (krn:...) contain colons, which configuration splits: the whole path is the id.
            var first = configuration.GetSection(SandboxSecrets.KlarnaSigningKeys).AsEnumerable(makePathsRelative: true)
                .Where(pair => !string.IsNullOrEmpty(pair.Value))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            klarna.SigningKeyId = first.Key ?? "";
            klarna.SigningKey = first.Value ?? "";
        }

        if (string.IsNullOrEmpty(options.Acquirer.ApiKey))
        {
            options.Acquirer.ApiKey = configuration[SandboxSecrets.AcquirerApiKey] ?? "";
        }

        if (string.IsNullOrEmpty(options.Acquirer.WebhookSecret))
        {
            options.Acquirer.WebhookSecret = configuration[SandboxSecrets.AcquirerWebhookSecret] ?? "";
        }
    }
}

internal sealed class SandboxOptionsValidation : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        var klarna = options.Klarna;
        if (string.IsNullOrEmpty(klarna.ApiKey)) failures.Add("Sandbox:Klarna:ApiKey (or Klarna:ApiKey) is empty.");
        if (string.IsNullOrEmpty(klarna.ClientId)) failures.Add("Sandbox:Klarna:ClientId (or Klarna:ClientId) is empty.");
        if (string.IsNullOrEmpty(klarna.SigningKeyId) || string.IsNullOrEmpty(klarna.SigningKey))
        {
            failures.Add("Sandbox:Klarna:SigningKeyId/SigningKey (or one Klarna:WebhookSigningKeys:<keyId>) is empty.");
        }

        var acquirer = options.Acquirer;
        if (string.IsNullOrEmpty(acquirer.ApiKey)) failures.Add("Sandbox:Acquirer:ApiKey (or Acquirer:ApiKey) is empty.");
        if (string.IsNullOrEmpty(acquirer.WebhookSecret)) failures.Add("Sandbox:Acquirer:WebhookSecret (or Acquirer:WebhookSecret) is empty.");
        if (string.IsNullOrEmpty(acquirer.KlarnaApiKey) || acquirer.KlarnaApiKey == klarna.ApiKey)
        {
            failures.Add("Sandbox:Acquirer:KlarnaApiKey must be set and differ from the merchant's Klarna API key.");
        }

        if (string.IsNullOrEmpty(acquirer.PartnerAccountId)) failures.Add("Sandbox:Acquirer:PartnerAccountId is empty.");
        AbsoluteIfSet(acquirer.KlarnaBaseUrl, "Sandbox:Acquirer:KlarnaBaseUrl", failures);
        AbsoluteIfSet(acquirer.CallbackUrl, "Sandbox:Acquirer:CallbackUrl", failures);
        if (!string.IsNullOrEmpty(klarna.WebhookUrl) && !Uri.TryCreate(klarna.WebhookUrl, UriKind.Absolute, out _))
        {
            failures.Add("Sandbox:Klarna:WebhookUrl must be an absolute URL.");
        }

        if (!Enum.IsDefined(klarna.WebhookTokenPlacement))
        {
            failures.Add("Sandbox:Klarna:WebhookTokenPlacement must be Payload, StateContext or Both.");
        }

        if (klarna.WebhookEventTypes?.FirstOrDefault(type => !Klarna.Notifications.NotificationEventTypes.Known.Contains(type)) is { } unknown)
        {
            failures.Add($"Sandbox:Klarna:WebhookEventTypes lists {unknown}, which is not a payment.request.state-change.* event.");
        }

        if (klarna.PaymentRequestLifetime <= TimeSpan.Zero) failures.Add("Sandbox:Klarna:PaymentRequestLifetime must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AbsoluteIfSet(string? url, string key, List<string> failures)
    {
        if (!string.IsNullOrEmpty(url) && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"{key} must be an absolute URL.");
        }
    }
}
