namespace Checkout.Web.Admin;

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
