namespace Checkout.Sandbox.Klarna.WebSdk;

/// <summary>What <c>klarna.mjs</c> renders (camelCase: the module's own format, not Klarna's API).</summary>
internal sealed record Presentation(string Instruction, PresentationOption? PaymentOption);

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
