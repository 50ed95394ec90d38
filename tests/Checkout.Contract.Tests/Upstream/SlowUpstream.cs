namespace Checkout.Contract.Tests.Upstream;

/// <summary>The timings of the tests whose upstream answers after the client has given up on each attempt.</summary>
public static class SlowUpstream
{
    /// <summary>The attempt timeout those tests give the client (they count attempts with <see cref="SentAttempts"/>).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a slow answer takes: it starts once the request is in, so it always outlasts the attempt.</summary>
    public static readonly TimeSpan Answer = TimeSpan.FromSeconds(3);
}
