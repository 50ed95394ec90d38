namespace Checkout.Web.Localization;

using System.Globalization;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Microsoft.Extensions.Localization;

/// <summary>
/// What shoppers read, in the request's culture: sentences from <c>ShopperText.{culture}.resx</c> (keyed by their
/// en-US wording, so en-US needs no file and a sentence without a translation reads in English), and the one place
/// shopper pages format money and dates.
/// </summary>
public sealed class ShopperText(IStringLocalizer<ShopperText> localizer)
{
    /// <summary>The key of each culture's date pattern; its en-US value is the key itself.</summary>
    public const string DatePattern = "MMMM d, yyyy";

    public string this[string english] => string.IsNullOrEmpty(english) ? "" : localizer[english];

    /// <summary>The sentence with its placeholders filled in for the request's culture.</summary>
    public string this[string english, params object[] arguments] => string.Format(Culture, localizer[english].Value, arguments);

    /// <summary>The shopper's culture: the request's UI culture (the thread culture stays invariant).</summary>
    public static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public string Money(Money amount) => amount.Display(Culture);

    /// <summary>The plan's name and description in the merchant's translation for the request's culture, else as written.</summary>
    public static PlanWords Plan(Plan plan) => plan.WordsIn(Culture.Name);

    public string Date(DateOnly date) => date.ToString(localizer[DatePattern], Culture);

    public string Date(DateTimeOffset at) => at.UtcDateTime.ToString(localizer[DatePattern], Culture);
}
