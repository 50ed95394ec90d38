namespace Checkout.AppHost;

/// <summary>
/// The keys the checkout and the emulator share in development: the same as both projects' appsettings.Development.json,
/// so either still runs alone, and given to both from here so the two cannot disagree. Nothing here is a real secret.
/// </summary>
internal static class DevelopmentKeys
{
    public const string KlarnaApiKey = "klarna_test_api_development_emulator";
    public const string KlarnaClientId = "klarna_test_client_development";
    public const string SigningKeyId = "krn:partner:global:notification:signing-key:development-1";
    public const string SigningKey = "whsec_development_emulator_0123456789abcdef0123456789abcdef";
    public const string AcquirerApiKey = "acquirer_test_development_emulator";
    public const string AcquirerWebhookSecret = "acquirer_whsec_development_emulator_0123456789";

    /// <summary>The store's key for the checkout's merchant API, and the secret that signs the checkout's events to it.</summary>
    public const string MerchantApiKey = "merchant_test_development_0123456789abcdef";
    public const string MerchantWebhookSecret = "whsec_ZGV2ZWxvcG1lbnQtc3RvcmVmcm9udC0wMTIzNDU2Nzg5";
}
