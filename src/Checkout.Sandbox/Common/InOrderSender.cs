using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Checkout.Sandbox.Common;

/// <summary>
/// Reads a queue and delivers each item; items with the same key go one after another, in order, while
/// different keys do not wait for each other's retries.
/// </summary>
internal abstract class InOrderSender<TKey, TItem>(ChannelReader<TItem> reader, Func<TItem, TKey> keyOf) : BackgroundService
    where TKey : notnull
{
    protected abstract Task DeliverAsync(TItem item, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tails = new Dictionary<TKey, Task>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var item))
                {
                    var key = keyOf(item);
                    tails.TryGetValue(key, out var previous);
                    tails[key] = DeliverAfterAsync(previous, item, stoppingToken);
                }

                foreach (var finished in tails.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
                {
                    tails.Remove(finished);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAfterAsync(Task? previous, TItem item, CancellationToken stoppingToken)
    {
        if (previous is not null)
        {
            await previous;
        }

        try
        {
            await DeliverAsync(item, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
