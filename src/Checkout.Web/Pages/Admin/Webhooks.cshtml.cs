namespace Checkout.Web.Pages.Admin;

using Checkout.Web.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The latest webhook events and their processing state; never their bodies.</summary>
public sealed class WebhooksModel(OperatorQueries queries) : PageModel
{
    public List<WebhookEventRow> Events { get; private set; } = [];

    public async Task OnGetAsync(int? count, CancellationToken cancellationToken) =>
        Events = await queries.LatestWebhookEventsAsync(Math.Clamp(count ?? 50, 1, 500), cancellationToken);
}
