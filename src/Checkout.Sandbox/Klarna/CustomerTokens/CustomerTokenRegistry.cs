using System.Collections.Concurrent;
using System.Text.Json;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Klarna.CustomerTokens;

/// <summary>A customer token the emulator issued: its scopes, the sign-up's email (the test rules read it), and whether it was revoked.</summary>
internal sealed class IssuedCustomerToken
{
    public required string Token { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public string? Reference { get; init; }

    public required string Email { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    private int _declinedFirstCharge;

    /// <summary>True once only: the first charge of a token whose sign-up asked for one declined renewal.</summary>
    public bool DeclineFirstCharge() =>
        Email.Contains(CustomerTokenRegistry.DeclinesFirstRenewalMarker, StringComparison.OrdinalIgnoreCase)
        && Interlocked.Exchange(ref _declinedFirstCharge, 1) == 0;
}

/// <summary>Every customer token issued by a completed journey; lives in memory like the rest of the emulator.</summary>
internal sealed class CustomerTokenRegistry
{
    /// <summary>A sign-up approved with an email containing this marker gets a token whose every charge is declined.</summary>
    public const string DeclinesRenewalsMarker = "+decline-renewals";

    /// <summary>A sign-up approved with an email containing this marker gets a token whose first charge is declined, the rest approved.</summary>
    public const string DeclinesFirstRenewalMarker = "+decline-first-renewal";

    private readonly ConcurrentDictionary<string, IssuedCustomerToken> _tokens = new(StringComparer.Ordinal);

    public string Issue(JsonElement? requestCustomerToken, string? reference, string email)
    {
        var scopes = requestCustomerToken is { ValueKind: JsonValueKind.Object } request
            && request.TryGetProperty("scopes", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToList()
                : [];
        var token = $"krn:partner:eu1:test:identity:customer-token:{RandomText.UrlSafe()}";
        _tokens[token] = new IssuedCustomerToken { Token = token, Scopes = scopes, Reference = reference, Email = email.Trim() };
        return token;
    }

    public IssuedCustomerToken? Find(string token) => _tokens.GetValueOrDefault(token);

    /// <summary>False when the token is unknown; revoking twice keeps the first time.</summary>
    public bool Revoke(string token, DateTimeOffset at)
    {
        if (Find(token) is not { } issued)
        {
            return false;
        }

        lock (issued)
        {
            issued.RevokedAt ??= at;
        }

        return true;
    }
}
