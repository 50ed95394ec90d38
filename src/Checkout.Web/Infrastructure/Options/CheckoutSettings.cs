namespace Checkout.Web.Infrastructure.Options;

/// <summary>Settings under <c>Checkout:</c>.</summary>
public sealed class CheckoutSettings
{
    public const string Section = "Checkout";

    /// <summary>The public root behind a proxy, for return URLs; empty: the request's own.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Settings under <c>Worker:</c>.</summary>
public sealed class WorkerSettings
{
    public const string Section = "Worker";

    /// <summary>How long an instance's claim on a webhook event or an authorization lasts before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Settings under <c>Renewals:</c>: when subscriptions are charged again, and how declined renewals are retried.</summary>
public sealed class RenewalSettings
{
    public const string Section = "Renewals";

    /// <summary>Days after a period's first declined renewal to try again; null: 1, 3 and 7. After the last, the subscription is canceled.</summary>
    public int[]? RetryAfter { get; set; }

    /// <summary>How many due subscriptions one pass of the scheduler lists.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How often the scheduler looks for renewals and cancellations that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int[] RetryAfterDays => RetryAfter ?? [1, 3, 7];

    public bool HasValidRetries => RetryAfterDays.All(d => d > 0) && RetryAfterDays.Zip(RetryAfterDays.Skip(1)).All(p => p.First < p.Second);
}

/// <summary>Settings under <c>Reconciler:</c>.</summary>
public sealed class ReconcilerSettings
{
    public const string Section = "Reconciler";

    /// <summary>How often to look for orders whose webhook never came.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an order must have been quiet before the reconciler asks about it.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When a journey the shopper left is cancelled at Klarna.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When a checkout page that never reached Klarna is closed.</summary>
    public TimeSpan OpenPageLifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Settings under <c>RateLimits:</c>: requests per minute per client.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    public int PaymentsPerMinute { get; set; } = 120;

    /// <summary>Pages and status reads.</summary>
    public int ReadsPerMinute { get; set; } = 1200;

    public int WebhooksPerMinute { get; set; } = 60_000;
}

/// <summary>Settings under <c>Security:</c>.</summary>
public sealed class SecuritySettings
{
    public const string Section = "Security";

    /// <summary>Origins added to the Content-Security-Policy's connect-src, frame-src and img-src besides Klarna's listed hosts.</summary>
    public string[] KlarnaOrigins { get; set; } = [];
}

/// <summary>Settings under <c>TestClock:</c>: an app clock that can be moved forward, in Development only.</summary>
public sealed class TestClockSettings
{
    public const string Section = "TestClock";

    public bool Enabled { get; set; }

    /// <summary>The emulator's <c>POST /sandbox/clock/advance</c>, moved along with the app's clock; empty: the app's only.</summary>
    public string? EmulatorClockUrl { get; set; }
}

/// <summary>Settings under <c>Admin:</c>: the operator's view at <c>/admin</c>, off (every URL 404) unless a key is set.</summary>
public sealed class AdminSettings
{
    public const string Section = "Admin";

    /// <summary>What the operator types on <c>/admin/login</c>; at least 16 characters. Empty: the operator's view is off.</summary>
    public string? Key { get; set; }

    /// <summary>Wrong keys per minute from one client address before its sign-ins are answered 429 for the rest of the minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long a sign-in lasts at most, however active the operator is.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool Enabled => !string.IsNullOrWhiteSpace(Key);
}
