using System.Text;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.WebSdk;

internal sealed record PresentationQuery(long? Amount, string Currency, IReadOnlyList<string> Intents, string? Instruction);

/// <summary>Decides how Klarna is shown: forced by the query or settings, else hidden for unsupported currencies and large amounts.</summary>
internal sealed class PresentationBuilder(IOptions<SandboxOptions> options)
{
    public const string ShowKlarna = "SHOW_KLARNA";
    public const string PreselectKlarna = "PRESELECT_KLARNA";
    public const string ShowOnlyKlarna = "SHOW_ONLY_KLARNA";
    public const string HideKlarna = "HIDE_KLARNA";
    public const long MaximumAmount = 1_000_000;

    private static readonly string[] Instructions = [ShowKlarna, PreselectKlarna, ShowOnlyKlarna, HideKlarna];

    private static readonly HashSet<string> SupportedCurrencies = new(StringComparer.Ordinal)
    {
        "USD", "EUR", "GBP", "SEK", "NOK", "DKK", "CHF", "AUD", "CAD",
    };

    public static readonly string DefaultPaymentOptionId = Convert.ToBase64String(Encoding.UTF8.GetBytes("KLARNA_DEFAULT"));

    /// <summary>
    /// The option of the <see cref="PresentationShape.Content"/> shape: not the default, so a payment request that
    /// carries it shows the page selected it (<c>select()</c>) before the SDK's own button initiated.
    /// </summary>
    public static readonly string ContentPaymentOptionId = Convert.ToBase64String(Encoding.UTF8.GetBytes("KLARNA_CONTENT"));

    /// <summary>Klarna's mark as the content shape's <c>logo.url</c>: a data URL, which the app's policy for a non-Klarna SDK host allows.</summary>
    public const string LogoUrl =
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 28'%3E%3Crect width='48' height='28' rx='6' fill='%23FFB3C7'/%3E"
        + "%3Ctext x='24' y='19' text-anchor='middle' font-family='sans-serif' font-size='13' font-weight='700' fill='%230B051D'%3EK.%3C/text%3E%3C/svg%3E";

    public Presentation Build(PresentationQuery query, string basePath)
    {
        var instruction = Instruction(query);
        if (instruction == HideKlarna)
        {
            return new Presentation(instruction, null);
        }

        var subscribing = query.Intents.Contains("SUBSCRIBE", StringComparer.OrdinalIgnoreCase);
        var subheader = query.Amount is null or 0 ? "Save Klarna for later purchases"
            : subscribing ? "Pay monthly, cancel anytime"
            : "Pay in 4 interest-free payments";
        var termsLink = new PresentationLink("Terms", $"{basePath}/terms");
        var option = new PresentationOption(
            DefaultPaymentOptionId,
            new PresentationText(subscribing ? "Subscribe with Klarna" : "Pay with Klarna"),
            new PresentationText(subheader),
            new PresentationText("Flexible ways to pay, no hidden fees.", new PresentationLink("Learn more", $"{basePath}/terms")),
            instruction == PreselectKlarna ? new PresentationText("Saved") : null,
            new PresentationText("By continuing you accept Klarna's terms (sandbox).", termsLink),
            new PresentationButton(ButtonLabel(query, subscribing)));
        return options.Value.Klarna.PresentationShape switch
        {
            PresentationShape.PaymentOptions => new Presentation(instruction, null, [option]),
            PresentationShape.Flat => new Presentation(instruction, null, null, option),
            PresentationShape.Content => new Presentation(instruction, null, [new ContentOption(
                ContentPaymentOptionId, new OptionContent(option.Header.Text, subheader, new OptionLogo(LogoUrl, "Klarna")))]),
            PresentationShape.EnrichedSubheader => new Presentation(instruction, null, null, new EnrichedSubheaderComponents(
                DefaultPaymentOptionId,
                option.Header,
                new EnrichedSubheader(new PresentationText($"{subheader}.", new PresentationLink("Learn more", $"{basePath}/terms")), new PresentationText(subheader)),
                option.PaymentButton)),
            PresentationShape.Unreadable => new Presentation(instruction, null),
            _ => new Presentation(instruction, option),
        };
    }

    private string Instruction(PresentationQuery query)
    {
        if (Instructions.Contains(query.Instruction))
        {
            return query.Instruction!;
        }

        if (Instructions.Contains(options.Value.Klarna.Instruction))
        {
            return options.Value.Klarna.Instruction!;
        }

        return !SupportedCurrencies.Contains(query.Currency) || query.Amount > MaximumAmount ? HideKlarna : ShowKlarna;
    }

    private static string ButtonLabel(PresentationQuery query, bool subscribing) =>
        subscribing ? "Subscribe with Klarna"
        : query.Amount is null or 0 ? "Continue with Klarna"
        : "Pay with Klarna";
}
