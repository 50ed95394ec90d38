namespace Checkout.Web.Sessions;

using Checkout.Domain.Sessions;

/// <summary>The session's page, and where the shopper goes back to the store.</summary>
public static class SessionUrls
{
    /// <summary>The checkout page, for the session's plan and prefilled; the plan links (<c>/checkout?plan=…</c>) stay beside it.</summary>
    public static Uri Page(Uri siteBase, Guid sessionId) => new(siteBase, $"checkout?session={sessionId}");

    /// <summary><c>success_url</c> with <c>session_id</c> added to its query, so the store knows which session came back.</summary>
    public static Uri Success(CheckoutSession session)
    {
        var url = new UriBuilder(session.SuccessUrl);
        var pair = "session_id=" + Uri.EscapeDataString(session.Id.ToString());
        url.Query = string.IsNullOrEmpty(url.Query) || url.Query == "?" ? pair : url.Query.TrimStart('?') + "&" + pair;
        return url.Uri;
    }
}
