using System.Diagnostics;

namespace Checkout.Emulator.Tests;

/// <summary>
/// Under the AppHost's dashboard, a checkout reads as one trace: the webhook continues the merchant's request that created
/// the payment request, and links the shopper's approval that completed it.
/// </summary>
public sealed class WebhookTraceTests
{
    private const string ShopperName = "Checkout.Emulator.Tests.Shopper";
    private static readonly ActivitySource Shopper = new(ShopperName);

    [Fact]
    public async Task The_completed_webhook_continues_the_checkouts_trace_and_links_the_approval()
    {
        var deliveries = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Checkout.Sandbox" or "Microsoft.AspNetCore" or "System.Net.Http" or ShopperName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "klarna.webhook.deliver")
                {
                    deliveries.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await SandboxHost.StartAsync();

        string id;
        ActivityTraceId checkout;
        using (var merchant = Shopper.StartActivity("the merchant's checkout"))
        {
            checkout = merchant!.TraceId;
            id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        }
        ActivityTraceId approval;
        using (var approve = Shopper.StartActivity("approve in the purchase journey"))
        {
            approval = approve!.TraceId;
            await host.SimulateAsync(id, "approve");
        }

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Any(w => w.EventType.EndsWith(".completed", StringComparison.Ordinal)));
        var completed = received.Single(w => w.EventType.EndsWith(".completed", StringComparison.Ordinal));
        Assert.True(ActivityContext.TryParse(completed.TraceParent, null, out var context), $"traceparent: '{completed.TraceParent}'");
        Assert.Equal(checkout, context.TraceId);
        var delivery = await Eventually.MatchesAsync(
            "the completed webhook's delivery span",
            () => deliveries.FirstOrDefault(d => d.TraceId == checkout && (d.GetTagItem("klarna.event_type") as string)?.EndsWith(".completed", StringComparison.Ordinal) == true),
            span => span is not null);
        Assert.Contains(delivery!.Links, link => link.Context.TraceId == approval);
    }
}
