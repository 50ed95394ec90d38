namespace Checkout.Web.MerchantAuthentication;

/// <summary>Settings under <c>Merchant:</c>: the keys the merchant's server calls the merchant API with.</summary>
public sealed class MerchantApiKeySettings
{
    public const string Section = "Merchant";

    public const int MinimumLength = 32;

    /// <summary>
    /// Every key accepted now (<c>Merchant:ApiKeys:0</c>, <c>:1</c>, …), so a new key can be added before the old one is
    /// removed. Empty: the merchant API is off (404).
    /// </summary>
    public string[] ApiKeys { get; set; } = [];
}
