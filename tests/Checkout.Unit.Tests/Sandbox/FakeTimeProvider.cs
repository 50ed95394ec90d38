namespace Checkout.Unit.Tests.Sandbox;

/// <summary>A clock the test moves; timers stay real, so background loops keep running.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
