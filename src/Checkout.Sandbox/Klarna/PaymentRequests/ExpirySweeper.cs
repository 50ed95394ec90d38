using Microsoft.Extensions.Hosting;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

/// <summary>Moves open requests past <c>expires_at</c> to EXPIRED (reads also expire them lazily).</summary>
internal sealed class ExpirySweeper(PaymentRequestLifecycle lifecycle, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                lifecycle.ExpireOverdue();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
