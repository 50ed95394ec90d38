namespace Checkout.Web.Infrastructure.Options;

using Checkout.Klarna;
using Microsoft.Extensions.Options;

/// <summary>Fails start-up with the name of every missing <c>Klarna:</c> key.</summary>
public sealed class KlarnaOptionsValidator : IValidateOptions<KlarnaOptions>
{
    private static readonly string[] InitiationModes = ["DEVICE_BEST", "ON_PAGE", "REDIRECT"];

    public ValidateOptionsResult Validate(string? name, KlarnaOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Klarna:ApiKey is missing: set it with user-secrets or the Klarna__ApiKey environment variable.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Klarna:ClientId is missing: the client identifier from the Klarna Portal.");
        }
        if (options.WebhookSigningKeys.Count == 0 || options.WebhookSigningKeys.Values.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Klarna:WebhookSigningKeys:<keyId> is missing: the signing key Klarna showed when you created it.");
        }
        if (!IsAbsoluteHttpUrl(options.BaseUrl))
        {
            failures.Add("Klarna:BaseUrl is missing or not an absolute URL (e.g. https://api-global.test.klarna.com/).");
        }
        else if (!new Uri(options.BaseUrl!).IsLoopback
            && options.WebhookSigningKeys.FirstOrDefault(k => k.Value?.Contains(AcquirerOptionsValidator.DevelopmentSecretMarker, StringComparison.Ordinal) == true)
                .Key is { } development)
        {
            // The development settings' secret is public, whatever key id it is under: with Klarna's API configured, anyone could sign a webhook with it.
            failures.Add($"Klarna:WebhookSigningKeys:{development} is the local emulator's public development secret, but Klarna:BaseUrl is {options.BaseUrl}: "
                + $"set it to empty (dotnet user-secrets --project src/Checkout.Web set Klarna:WebhookSigningKeys:{development} \"\").");
        }
        if (!IsAbsoluteHttpUrl(options.SdkUrl))
        {
            failures.Add("Klarna:SdkUrl is missing or not an absolute URL (https://js.klarna.com/web-sdk/v2/klarna.mjs).");
        }
        if (!InitiationModes.Contains(options.InitiationMode, StringComparer.Ordinal))
        {
            failures.Add($"Klarna:InitiationMode must be one of {string.Join(", ", InitiationModes)}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
