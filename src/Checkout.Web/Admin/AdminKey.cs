namespace Checkout.Web.Admin;

using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Options;

/// <summary><c>Admin:Key</c>, compared in constant time (as SHA-256 digests, so the lengths match too).</summary>
public sealed class AdminKey(IOptions<AdminSettings> settings)
{
    private readonly byte[]? _digest = settings.Value.Enabled ? Digest(settings.Value.Key!.Trim()) : null;

    public bool Matches(string? candidate) =>
        _digest is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_digest, Digest(candidate.Trim()));

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>Sign-in attempts per client address per minute (<c>Admin:LoginAttemptsPerMinute</c>).</summary>
public sealed class AdminLoginLimiter(IOptions<AdminSettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.Value.LoginAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
