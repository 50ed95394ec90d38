namespace Checkout.Testing;

/// <summary>
/// The keys an emulator and the app that talks to it share, and the settings for each side from one place, so the two
/// can never disagree: the emulator's <c>Sandbox:*</c> and the app's <c>Klarna:*</c> and <c>Acquirer:*</c>.
/// </summary>
public sealed record EmulatorKeys(
    string KlarnaApiKey, string ClientId, string SigningKeyId, string SigningKey, string AcquirerApiKey, string AcquirerWebhookSecret)
{
    public static EmulatorKeys Test { get; } = new(
        "klarna_test_api_tests_0123456789abcdef", "klarna_test_client_tests", "krn:partner:global:notification:signing-key:7e3f1a52-4b8c-4d0e-9f21-6a5b4c3d2e1f",
        "whsec_tests_0123456789abcdef0123456789abcdef", "acquirer_test_tests_0123456789", "acquirer_whsec_tests_0123456789");

    /// <summary>The emulator's settings for these keys.</summary>
    public Dictionary<string, string?> EmulatorSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sandbox:Klarna:ApiKey"] = KlarnaApiKey,
        ["Sandbox:Klarna:ClientId"] = ClientId,
        ["Sandbox:Klarna:SigningKeyId"] = SigningKeyId,
        ["Sandbox:Klarna:SigningKey"] = SigningKey,
        ["Sandbox:Acquirer:ApiKey"] = AcquirerApiKey,
        ["Sandbox:Acquirer:WebhookSecret"] = AcquirerWebhookSecret,
    };

    /// <summary>The app's settings for the emulator at <paramref name="emulatorRoot"/>, as for Klarna's test environment.</summary>
    public Dictionary<string, string?> AppSettings(Uri emulatorRoot) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Klarna:BaseUrl"] = new Uri(emulatorRoot, "sandbox/klarna/").AbsoluteUri,
        ["Klarna:SdkUrl"] = new Uri(emulatorRoot, "sandbox/klarna/web-sdk/v2/klarna.mjs").AbsoluteUri,
        ["Klarna:ApiKey"] = KlarnaApiKey,
        ["Klarna:ClientId"] = ClientId,
        [$"Klarna:WebhookSigningKeys:{SigningKeyId}"] = SigningKey,
        ["Acquirer:Kind"] = "Generic",
        ["Acquirer:BaseUrl"] = new Uri(emulatorRoot, "sandbox/acquirer/").AbsoluteUri,
        ["Acquirer:ApiKey"] = AcquirerApiKey,
        ["Acquirer:WebhookSecret"] = AcquirerWebhookSecret,
    };
}
