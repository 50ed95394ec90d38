using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>
/// The acquirer's <c>Klarna-Idempotency-Key</c> per payment and operation: a UUIDv5, so every retry of one call
/// sends the same key and two calls never share one.
/// </summary>
internal static class KlarnaIdempotencyKeys
{
    /// <summary>The sandbox acquirer's own namespace; fixed so keys survive a restart.</summary>
    public static readonly Guid Namespace = new("6f1c2b1e-8d4a-4c55-9a37-2f0b7e3d9c41");

    public const string Authorize = "authorize";
    public const string Finalize = "finalize";

    public static string For(string paymentId, string operation) =>
        DeterministicUuid.Create(Namespace, $"{paymentId}:{operation}").ToString("D");
}
