namespace Checkout.Web.Pages.Admin;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Admin;
using Checkout.Web.TestClock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// Subscriptions by status: a count per status and the latest subscriptions (of one status when asked); with the test
/// clock, the clock and buttons that move it forward and run a renewal pass.
/// </summary>
public sealed class IndexModel(OperatorQueries queries, TimeProvider clock) : PageModel
{
    private const int ListLength = 200;

    public SubscriptionStatus? Status { get; private set; }

    public Dictionary<SubscriptionStatus, int> Counts { get; private set; } = [];

    public List<SubscriptionRow> Subscriptions { get; private set; } = [];

    /// <summary>The app's clock when it is the test clock; null otherwise.</summary>
    public AdjustableClock? Clock => clock as AdjustableClock;

    [TempData]
    public string? Advanced { get; set; }

    public async Task OnGetAsync(SubscriptionStatus? status, CancellationToken cancellationToken)
    {
        Status = status;
        Counts = await queries.CountsByStatusAsync(cancellationToken);
        Subscriptions = await queries.SubscriptionsAsync(status, ListLength, cancellationToken);
    }

    public async Task<IActionResult> OnPostAdvanceAsync(string? by, CancellationToken cancellationToken)
    {
        if (Clock is null || HttpContext.RequestServices.GetService<TestClockActions>() is not { } actions)
        {
            return NotFound();
        }
        TimeSpan? step = by switch
        {
            "1d" => TimeSpan.FromDays(1),
            "7d" => TimeSpan.FromDays(7),
            "1m" => actions.OneMonth(),
            _ => null,
        };
        if (step is null)
        {
            return BadRequest();
        }
        var result = await actions.AdvanceAsync(step.Value, cancellationToken);
        Advanced = $"The clock is now {result.Now:u}; {result.Due} subscriptions were due; the emulator's clock: {result.Emulator}.";
        return LocalRedirect("/admin");
    }
}
