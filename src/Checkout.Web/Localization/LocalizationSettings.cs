namespace Checkout.Web.Localization;

/// <summary>Settings under <c>Localization:</c>: the cultures shopper pages are shown in (docs/localization.md).</summary>
public sealed class LocalizationSettings
{
    public const string Section = "Localization";

    /// <summary>The cultures the shop ships, each with its <c>ShopperText.{culture}.resx</c> (en-US needs none: its text is the keys).</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en-US", "en-GB", "de-DE", "sv-SE", "fr-FR"];

    /// <summary>A shopper whose session and browser name none of <see cref="SupportedCultures"/> gets this one. One of them.</summary>
    public string DefaultCulture { get; set; } = "en-US";

    /// <summary>Language and region codes, such as de-DE; empty: <see cref="Shipped"/>.</summary>
    public string[]? SupportedCultures { get; set; }

    public IReadOnlyList<string> Cultures => SupportedCultures is { Length: > 0 } cultures ? cultures : Shipped;
}
