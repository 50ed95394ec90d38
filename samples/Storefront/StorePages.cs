namespace Storefront;

using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

/// <summary>
/// The store's pages: the plan with "Subscribe" (which opens a checkout session and sends the shopper to it), the
/// return page the checkout sends them back to, and what the store knows of their subscription.
/// </summary>
public static partial class StorePages
{
    public static IEndpointRouteBuilder MapStorePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowAsync);
        app.MapPost("/subscribe", SubscribeAsync);
        app.MapGet("/subscribed", ReturnedAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(
        HttpContext context, SubscriptionLedger ledger, CheckoutClient checkout, IAntiforgery antiforgery, IOptions<StoreSettings> store)
    {
        var account = ledger.AccountOf(ShopperAccount.Of(context));
        // Back from the checkout before its subscription started: ask the checkout until the session names it.
        if (account is { SessionId: { } sessionId, SubscriptionId: null })
        {
            try
            {
                account = await LinkAsync(ledger, checkout, account.Id, sessionId, context.RequestAborted) ?? account;
            }
            catch (Exception e) when (IsCheckoutFailure(e))
            {
                // The page shows what the store already knows; the next view asks again.
            }
        }
        var facts = account.SubscriptionId is { } id ? ledger.Facts(id) : null;
        var tokens = antiforgery.GetAndStoreTokens(context);
        var left = context.Request.Query.ContainsKey("left");
        return Results.Content(StoreHtml.Page(store.Value, account, facts, tokens, left), "text/html; charset=utf-8");
    }

    private static async Task<IResult> SubscribeAsync(
        HttpContext context, IFormCollection form, SubscriptionLedger ledger, CheckoutClient checkout, IOptions<StoreSettings> store, ILoggerFactory logs)
    {
        var accountId = ShopperAccount.Of(context);
        // One key per rendered form: a double click or a retry opens one session, a new visit a new one.
        var attempt = form["attempt"].ToString() is { Length: > 0 and <= 64 } given ? given : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var here = $"{context.Request.Scheme}://{context.Request.Host}";
        try
        {
            var session = await checkout.OpenAsync(
                new NewCheckoutSession(store.Value.PlanId, accountId, $"{here}/subscribed", $"{here}/?left=checkout"),
                $"subscribe-{accountId}-{attempt}",
                context.RequestAborted);
            ledger.SessionOpened(accountId, session.Id);
            return Results.Redirect(session.Url);
        }
        catch (Exception e) when (IsCheckoutFailure(e))
        {
            LogCheckoutFailed(logs.CreateLogger(typeof(StorePages)), e);
            return Results.Content(StoreHtml.Unavailable(store.Value), "text/html; charset=utf-8", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>
    /// The checkout's <c>success_url</c>. Its <c>session_id</c> is only a hint: the session is read from the checkout, and
    /// counts only if it is this shopper's own.
    /// </summary>
    private static async Task<IResult> ReturnedAsync(HttpContext context, [FromQuery(Name = "session_id")] Guid? sessionId, SubscriptionLedger ledger, CheckoutClient checkout)
    {
        var accountId = ShopperAccount.Of(context);
        if (sessionId is { } id && await LinkAsync(ledger, checkout, accountId, id, context.RequestAborted) is not null)
        {
            ledger.Returned(accountId);
        }
        return Results.Redirect("/");
    }

    private static async Task<Account?> LinkAsync(SubscriptionLedger ledger, CheckoutClient checkout, string accountId, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await checkout.ReadAsync(sessionId, cancellationToken);
        if (session is null || session.ClientReferenceId != accountId)
        {
            return null;
        }
        if (ledger.AccountOf(accountId).SessionId != sessionId)
        {
            ledger.SessionOpened(accountId, sessionId);
        }
        if (session is { Status: "complete", SubscriptionId: { } subscriptionId })
        {
            ledger.Subscribed(accountId, subscriptionId);
        }
        return ledger.AccountOf(accountId);
    }

    private static bool IsCheckoutFailure(Exception e) =>
        e is CheckoutRefusedException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The checkout did not open a session")]
    private static partial void LogCheckoutFailed(ILogger logger, Exception exception);
}
