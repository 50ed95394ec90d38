using Checkout.Sandbox.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>
/// Fills in, in memory, every key the emulator was not given (<c>Sandbox:Klarna:*</c>, <c>Sandbox:Acquirer:*</c>), so it
/// starts with no configuration at all; <c>GET /sandbox/credentials</c> reports them to a caller on the same machine.
/// </summary>
internal static class SandboxSecrets
{
    public static void FillMissing(IConfigurationManager configuration)
    {
        var missing = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Default(string key, Func<string> value)
        {
            if (string.IsNullOrEmpty(configuration[key]))
            {
                missing[key] = value();
            }
        }

        Default("Sandbox:Klarna:ApiKey", () => $"klarna_test_api_sandbox_{RandomText.Hex(32)}");
        Default("Sandbox:Klarna:ClientId", () => "klarna_test_client_sandbox");
        if (string.IsNullOrEmpty(configuration["Sandbox:Klarna:SigningKeyId"]) || string.IsNullOrEmpty(configuration["Sandbox:Klarna:SigningKey"]))
        {
            // Shaped like the ids Klarna's notification API gives, colons and all, so every app that verifies them reads such ids.
            missing["Sandbox:Klarna:SigningKeyId"] = $"krn:partner:global:notification:signing-key:{Guid.NewGuid():D}";
            missing["Sandbox:Klarna:SigningKey"] = RandomText.Hex(64);
        }

        Default("Sandbox:Acquirer:ApiKey", () => $"acquirer_test_{RandomText.Hex(32)}");
        Default("Sandbox:Acquirer:WebhookSecret", () => RandomText.Hex(64));
        Default("Sandbox:Acquirer:KlarnaApiKey", () => $"klarna_test_api_acquirer_{RandomText.Hex(32)}");
        if (missing.Count > 0)
        {
            configuration.AddInMemoryCollection(missing);
        }
    }
}

internal sealed class SandboxOptionsValidation : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        var klarna = options.Klarna;
        if (string.IsNullOrEmpty(klarna.ApiKey)) failures.Add("Sandbox:Klarna:ApiKey is empty.");
        if (string.IsNullOrEmpty(klarna.ClientId)) failures.Add("Sandbox:Klarna:ClientId is empty.");
        if (string.IsNullOrEmpty(klarna.SigningKeyId) || string.IsNullOrEmpty(klarna.SigningKey))
        {
            failures.Add("Sandbox:Klarna:SigningKeyId and Sandbox:Klarna:SigningKey must both be set.");
        }

        var acquirer = options.Acquirer;
        if (string.IsNullOrEmpty(acquirer.ApiKey)) failures.Add("Sandbox:Acquirer:ApiKey is empty.");
        if (string.IsNullOrEmpty(acquirer.WebhookSecret)) failures.Add("Sandbox:Acquirer:WebhookSecret is empty.");
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
