using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Klarna;

/// <summary>
/// <c>Klarna-Idempotency-Key</c>: optional, but when sent it must be a UUID (Klarna's "Integration resilience"
/// page says keys should be UUIDv5; any UUID version is accepted here).
/// </summary>
internal static class KlarnaIdempotencyKey
{
    public const string Header = "Klarna-Idempotency-Key";

    /// <summary>Klarna's 400 VALIDATION_ERROR naming the header, or null when the key is absent or a UUID.</summary>
    public static IResult? Reject(string key) =>
        key.Length == 0 || Guid.TryParseExact(key, "D", out _)
            ? null
            : KlarnaError.Validation([new(Header, $"{Header} must be a UUID (8-4-4-4-12 hexadecimal digits), ideally UUIDv5.")]);
}
