namespace Checkout.Web.Infrastructure.Options;

using Checkout.Acquiring;
using Microsoft.Extensions.Options;

/// <summary>Fails start-up with the name of every missing <c>Acquirer:</c> key.</summary>
public sealed class AcquirerOptionsValidator(IConfiguration configuration) : IValidateOptions<AcquirerOptions>
{
    /// <summary>Marks the secrets of <c>appsettings.Development.json</c>, which are in the repository.</summary>
    public const string DevelopmentSecretMarker = "_development_emulator";

    public ValidateOptionsResult Validate(string? name, AcquirerOptions options)
    {
        var failures = new List<string>();
        switch (options.Kind)
        {
            case AcquirerKind.Generic:
                RequireBaseUrl(options, failures);
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    failures.Add("Acquirer:ApiKey is missing: the API key your acquiring partner issued; it is required when Acquirer:Kind is Generic.");
                }
                break;
            case AcquirerKind.WorldlineConnect:
                RequireBaseUrl(options, failures);
                Require(options.MerchantId, "Acquirer:MerchantId is missing: your Worldline Connect merchant id (the {merchantId} in /v1/{merchantId}/payments).", failures);
                Require(options.ApiKeyId, "Acquirer:ApiKeyId is missing: the API key id from Worldline's Configuration Center.", failures);
                Require(options.SecretApiKey, "Acquirer:SecretApiKey is missing: the secret API key from Worldline's Configuration Center (keep it in user-secrets or the environment).", failures);
                if (!string.IsNullOrWhiteSpace(options.ReturnUrl) && !KlarnaOptionsValidator.IsAbsoluteHttpUrl(options.ReturnUrl))
                {
                    failures.Add("Acquirer:ReturnUrl is not an absolute URL; leave it empty or set e.g. https://<your host>/checkout/return.");
                }
                break;
        }
        if (string.Equals(configuration[$"{Checkout.Klarna.KlarnaOptions.Section}:{nameof(Checkout.Klarna.KlarnaOptions.Flow)}"], nameof(Checkout.Klarna.KlarnaFlow.AcquirerLed), StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add("Acquirer:WebhookSecret is missing: the secret that signs the acquirer's callbacks; it is required when Klarna:Flow is AcquirerLed.");
        }
        if (options.WebhookSecret?.Contains(DevelopmentSecretMarker, StringComparison.Ordinal) == true
            && Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var acquirer) && !acquirer.IsLoopback)
        {
            // The development settings' secret is public: beside a real acquirer, anyone could sign its callbacks with it.
            failures.Add($"Acquirer:WebhookSecret is the local emulator's public development secret, but Acquirer:BaseUrl is {options.BaseUrl}: "
                + "set the secret your acquiring partner gave you, or \"\" for no callbacks (dotnet user-secrets --project src/Checkout.Web set Acquirer:WebhookSecret <secret>).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireBaseUrl(AcquirerOptions options, List<string> failures)
    {
        if (!KlarnaOptionsValidator.IsAbsoluteHttpUrl(options.BaseUrl))
        {
            failures.Add($"Acquirer:BaseUrl is missing or not an absolute URL; it is required when Acquirer:Kind is {options.Kind}"
                + (options.Kind == AcquirerKind.WorldlineConnect ? " (e.g. https://eu.sandbox.api-ingenico.com/)." : "."));
        }
    }

    private static void Require(string? value, string failure, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(failure);
        }
    }
}
