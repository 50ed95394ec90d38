namespace Checkout.Web.OnDemand;

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

public sealed class OnDemandSettings
{
    public const string Section = "OnDemand";

    /// <summary>The merchant app's key for <c>/api/on-demand</c>, at least 32 characters. Empty: the endpoint is off (404).</summary>
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary><c>OnDemand:ApiKey</c>, compared in constant time (as SHA-256 digests, so the lengths match too).</summary>
public sealed class OnDemandApiKey(IOptions<OnDemandSettings> settings)
{
    private readonly byte[]? _digest = settings.Value.Enabled ? Digest(settings.Value.ApiKey!.Trim()) : null;

    public bool Enabled => _digest is not null;

    public bool Matches(string? candidate) =>
        _digest is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_digest, Digest(candidate.Trim()));

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
