namespace Checkout.Web.Subscriptions;

using Microsoft.Extensions.Options;

/// <summary>The renewal charges this instance has in flight: at most <c>Renewals:Concurrency</c>, whichever pass sends them.</summary>
public sealed class RenewalSlots(IOptions<RenewalSettings> settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.Value.Concurrency);

    /// <summary>Runs <paramref name="send"/> once a slot is free; waits for one whatever happens, so a batch always gets every answer it is owed.</summary>
    public async Task<T> SendAsync<T>(Func<Task<T>> send)
    {
        await _slots.WaitAsync(CancellationToken.None);
        try
        {
            return await send();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
