using System.Diagnostics;

namespace Checkout.Emulator.Tests;

/// <summary>Under the AppHost's dashboard, a checkout reads as one trace: the webhook continues the request that caused it.</summary>
public sealed class WebhookTraceTests
{
    private const string ShopperName = "Checkout.Emulator.Tests.Shopper";
    private static readonly ActivitySource Shopper = new(ShopperName);

    [Fact]
    public async Task The_completed_webhook_carries_the_trace_of_the_request_that_completed_the_payment()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Checkout.Sandbox" or "Microsoft.AspNetCore" or "System.Net.Http" or ShopperName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();

        ActivityTraceId approval;
        using (var approve = Shopper.StartActivity("approve in the purchase journey"))
        {
            approval = approve!.TraceId;
            await host.SimulateAsync(id, "approve");
        }

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Any(w => w.EventType.EndsWith(".completed", StringComparison.Ordinal)));
        var completed = received.Single(w => w.EventType.EndsWith(".completed", StringComparison.Ordinal));
        Assert.True(ActivityContext.TryParse(completed.TraceParent, null, out var context), $"traceparent: '{completed.TraceParent}'");
        Assert.Equal(approval, context.TraceId);
    }
}
