namespace Checkout.Sandbox.Klarna.WebSdk;

/// <summary>
/// What <c>klarna.mjs</c> renders (camelCase: the module's own format, not Klarna's API). One of
/// <see cref="PaymentOption"/> (the first shape Klarna documented), <see cref="PaymentOptions"/> (with components, or with the newest
/// typings' <see cref="ContentOption"/>) or <see cref="Components"/> (the presentation itself, its subheader plain or
/// split as earlier typings did), as <c>Sandbox:Klarna:PresentationShape</c> says.
/// </summary>
internal sealed record Presentation(
    string Instruction,
    PresentationOption? PaymentOption,
    IReadOnlyList<object>? PaymentOptions = null,
    object? Components = null);

/// <summary>Which shape of the SDK's PaymentPresentation the stand-in gives the page.</summary>
public enum PresentationShape
{
    /// <summary>One <c>paymentOption</c>, as Klarna's public demos show.</summary>
    PaymentOption,

    /// <summary>A <c>paymentOptions</c> array, as the newest Web SDK typings describe.</summary>
    PaymentOptions,

    /// <summary>The components on the presentation itself, as the Web SDK v2 typedoc's <c>payment.PaymentPresentation</c> shows.</summary>
    Flat,

    /// <summary>
    /// <c>paymentOptions[]</c> whose option carries <c>content</c> (<c>header</c>, <c>subheader</c>, <c>logo</c>),
    /// <c>select()</c> and <c>selected</c>, and no components, as the newest typings' <c>common.PaymentOption</c>.
    /// </summary>
    Content,

    /// <summary>
    /// The components on the presentation itself with the subheader split into <c>enriched</c> (with a link) and
    /// <c>short</c>, each with its text and component, as the v2-r6 typings' <c>payment.PaymentPresentation</c>.
    /// </summary>
    EnrichedSubheader,

    /// <summary>An instruction with no option the page can render: tests the page's default descriptor.</summary>
    Unreadable,
}

/// <summary>The newest typings' payment option: Klarna's words as plain data, selected through <c>select()</c>.</summary>
internal sealed record ContentOption(string PaymentOptionId, OptionContent Content);

internal sealed record OptionContent(string Header, string Subheader, OptionLogo Logo);

internal sealed record OptionLogo(string Url, string Alt);

/// <summary>The v2-r6 typings' presentation: header, icon, a subheader in two lengths and the button, each with its text.</summary>
internal sealed record EnrichedSubheaderComponents(
    string PaymentOptionId,
    PresentationText Header,
    EnrichedSubheader Subheader,
    PresentationButton PaymentButton);

internal sealed record EnrichedSubheader(PresentationText Enriched, PresentationText Short);

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
