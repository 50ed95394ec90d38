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
