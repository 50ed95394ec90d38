namespace Checkout.Web.Telemetry;

using System.Diagnostics.Metrics;
using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// The checkout funnel by plan (opened, Klarna selected, payment request created, completed at Klarna, authorized, declined),
/// how long webhook events wait before processing, and how many still wait. Instruments are created once.
/// </summary>
public sealed partial class CheckoutMetrics
{
    public const string DeclinedByTag = "checkout.declined_by";

    private readonly Counter<long> _opened;
    private readonly Counter<long> _klarnaSelected;
    private readonly Counter<long> _paymentRequestsCreated;
    private readonly Counter<long> _paymentRequestsFailed;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _authorized;
    private readonly Counter<long> _declined;
    private readonly Histogram<double> _webhookLag;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CheckoutMetrics> _log;

    public CheckoutMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<CheckoutMetrics> log)
    {
        _scopes = scopes;
        _log = log;
        var meter = meters.Create(CheckoutTelemetry.Name);
        _opened = meter.CreateCounter<long>("checkout.opened", "{checkout}", "Checkout pages served (no order is written until the shopper starts to pay).");
        _klarnaSelected = meter.CreateCounter<long>(
            "checkout.klarna_selected", "{checkout}", "Checkout pages on which Klarna became the selected method, counted once per page load.");
        _paymentRequestsCreated = meter.CreateCounter<long>(
            "checkout.payment_requests.created", "{request}", "Payment requests created for an order (at Klarna, or by the acquirer).");
        _paymentRequestsFailed = meter.CreateCounter<long>(
            "checkout.payment_requests.failed", "{request}", "Payment requests Klarna or the acquirer refused, or could not be reached for.");
        _completed = meter.CreateCounter<long>(
            "checkout.completed", "{checkout}", "Orders whose purchase journey Klarna completed (customer token issued).");
        _authorized = meter.CreateCounter<long>("checkout.authorized", "{checkout}", "First charges the acquirer approved.");
        _declined = meter.CreateCounter<long>(
            "checkout.declined", "{checkout}", "Orders declined, by Klarna in the journey or by the acquirer on the first charge.");
        _webhookLag = meter.CreateHistogram(
            "checkout.webhook.lag",
            "s",
            "Time from storing a webhook event to processing it.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });
        meter.CreateObservableGauge(
            "checkout.worker.backlog", ObserveBacklog, "{event}", "Webhook events stored but not processed yet.");
    }

    public void Opened(string planId) => _opened.Add(1, Plan(planId));

    public void KlarnaSelected(string planId) => _klarnaSelected.Add(1, Plan(planId));

    public void PaymentRequestCreated(Order order) => _paymentRequestsCreated.Add(1, Plan(order.PlanId));

    public void PaymentRequestFailed(Order order) => _paymentRequestsFailed.Add(1, Plan(order.PlanId));

    /// <summary>Counts the funnel steps an order's move stands for; every status change goes through the order store.</summary>
    public void Moved(Order order, OrderStatus from, OrderStatus to)
    {
        var plan = Plan(order.PlanId);
        switch (from, to)
        {
            case (OrderStatus.AwaitingShopper, OrderStatus.Authorizing or OrderStatus.Completed):
                _completed.Add(1, plan);
                break;
            case (OrderStatus.Authorizing, OrderStatus.Completed):
                _authorized.Add(1, plan);
                break;
            case (_, OrderStatus.KlarnaDeclined):
                _declined.Add(1, plan, new(DeclinedByTag, "klarna"));
                break;
            case (_, OrderStatus.PaymentDeclined):
                _declined.Add(1, plan, new(DeclinedByTag, "acquirer"));
                break;
        }
    }

    public void WebhookProcessed(TimeSpan lag) => _webhookLag.Record(Math.Max(0, lag.TotalSeconds));

    private static KeyValuePair<string, object?> Plan(string planId) => new(CheckoutTelemetry.PlanTag, planId);

    /// <summary>
    /// Counts the unprocessed events when a reader collects (a scrape or an export), never per request; the
    /// count reads only the partial index of unprocessed events.
    /// </summary>
    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var backlog = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().WebhookEvents.LongCount(e => e.ProcessedAt == null);
            return [new Measurement<long>(backlog)];
        }
        catch (Exception e)
        {
            LogBacklogUnavailable(_log, e.GetType().Name);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker backlog could not be counted: {Error}")]
    private static partial void LogBacklogUnavailable(ILogger logger, string error);
}
