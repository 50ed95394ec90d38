namespace Checkout.Web.Pages.Admin;

using Checkout.Web.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The events sent to the merchant's endpoints: each delivery with its attempts; resend one.</summary>
public sealed class EventsModel(EventDeliveryQueries queries, EventDeliveryStore deliveries) : PageModel
{
    public List<DeliveryRow> Deliveries { get; private set; } = [];

    public EventDeliveryStatus? Status { get; private set; }

    public Guid? Resent { get; private set; }

    public async Task OnGetAsync(EventDeliveryStatus? status, Guid? resent, int? count, CancellationToken cancellationToken)
    {
        (Status, Resent) = (status, resent);
        Deliveries = await queries.LatestAsync(status, Math.Clamp(count ?? 50, 1, 500), cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken) =>
        await deliveries.ResendAsync(id, cancellationToken) ? Redirect($"/admin/events?resent={id}") : NotFound();
}
