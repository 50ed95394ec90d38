namespace Checkout.Web.TestClock;

/// <summary>Settings under <c>TestClock:</c>: an app clock that can be moved forward, in Development only.</summary>
public sealed class TestClockSettings
{
    public const string Section = "TestClock";

    public bool Enabled { get; set; }

    /// <summary>The emulator's <c>POST /sandbox/clock/advance</c>, moved along with the app's clock; empty: the app's only.</summary>
    public string? EmulatorClockUrl { get; set; }
}
