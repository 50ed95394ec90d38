namespace Checkout.Web.Sessions;

using Checkout.Domain.Sessions;

/// <summary>What the session's page says when it can no longer be paid; null while it can.</summary>
public static class SessionPage
{
    public static string? EndedText(CheckoutSessionStatus status) => status switch
    {
        CheckoutSessionStatus.Open => null,
        CheckoutSessionStatus.Complete => "This checkout is complete: you have already signed up. You can go back to the store.",
        CheckoutSessionStatus.Expired => "This checkout link has expired. Nothing was charged; go back to the store to start again.",
        _ => "This checkout was canceled. Nothing was charged; go back to the store to start again.",
    };
}
