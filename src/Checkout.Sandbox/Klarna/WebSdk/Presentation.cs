namespace Checkout.Sandbox.Klarna.WebSdk;

/// <summary>
/// What <c>klarna.mjs</c> renders (camelCase: the module's own format, not Klarna's API). One of
/// <see cref="PaymentOption"/> (the seed's shape), <see cref="PaymentOptions"/> or <see cref="Components"/>
/// (the newest typings' two shapes), as <c>Sandbox:Klarna:PresentationShape</c> says.
/// </summary>
internal sealed record Presentation(
    string Instruction,
    PresentationOption? PaymentOption,
    IReadOnlyList<PresentationOption>? PaymentOptions = null,
    PresentationOption? Components = null);

/// <summary>Which shape of the SDK's PaymentPresentation the stand-in gives the page.</summary>
public enum PresentationShape
{
    /// <summary>One <c>paymentOption</c>, as seed 000 and public demos show.</summary>
    PaymentOption,

    /// <summary>A <c>paymentOptions</c> array, as the newest Web SDK typings describe.</summary>
    PaymentOptions,

    /// <summary>The components on the presentation itself, as the Web SDK v2 typedoc's <c>payment.PaymentPresentation</c> shows.</summary>
    Flat,

    /// <summary>An instruction with no option the page can render: tests the page's default descriptor.</summary>
    Unreadable,
}

internal sealed record PresentationOption(
    string PaymentOptionId,
    PresentationText Header,
    PresentationText Subheader,
    PresentationText Message,
    PresentationText? Badge,
    PresentationText Terms,
    PresentationButton PaymentButton);

internal sealed record PresentationText(string Text, PresentationLink? Link = null);

internal sealed record PresentationLink(string Text, string Href);

internal sealed record PresentationButton(string Label);
