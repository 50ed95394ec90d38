namespace Checkout.Web.Pages.Admin;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Subscriptions by status: a count per status and the latest subscriptions (of one status when asked).</summary>
public sealed class IndexModel(OperatorQueries queries) : PageModel
{
    private const int ListLength = 200;

    public SubscriptionStatus? Status { get; private set; }

    public Dictionary<SubscriptionStatus, int> Counts { get; private set; } = [];

    public List<SubscriptionRow> Subscriptions { get; private set; } = [];

    public async Task OnGetAsync(SubscriptionStatus? status, CancellationToken cancellationToken)
    {
        Status = status;
        Counts = await queries.CountsByStatusAsync(cancellationToken);
        Subscriptions = await queries.SubscriptionsAsync(status, ListLength, cancellationToken);
    }
}
