namespace Checkout.Web.Pages.Admin;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Admin;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>One subscription: its fields, every attempt, the scheduler's charge in flight and last error; retry a past-due charge now.</summary>
public sealed class SubscriptionDetailsModel(OperatorQueries queries, OperatorActions actions) : PageModel
{
    public Subscription Subscription { get; private set; } = null!;

    public SubscriptionRenewal? Work { get; private set; }

    public RetryNowOutcome? Retry { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, RetryNowOutcome? retry, CancellationToken cancellationToken)
    {
        if (await queries.SubscriptionAsync(id, cancellationToken) is not var (subscription, work))
        {
            return NotFound();
        }
        (Subscription, Work, Retry) = (subscription, work, retry);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryNowAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await actions.RetryNowAsync(id, cancellationToken);
        return outcome == RetryNowOutcome.NotFound
            ? NotFound()
            : Redirect($"/admin/subscriptions/{id:N}?retry={outcome}");
    }

    public string RetryMessage(RetryNowOutcome outcome) => outcome switch
    {
        RetryNowOutcome.Scheduled => "The next attempt is due now; the scheduler is charging it.",
        RetryNowOutcome.InFlight => "A charge is in flight; the scheduler asks for its answer under its key. Nothing else was sent.",
        RetryNowOutcome.NotPastDue => "Only a past-due subscription with a retry scheduled can be retried now.",
        RetryNowOutcome.Busy => "The scheduler is working on this subscription right now. Reload in a moment.",
        _ => "",
    };
}
