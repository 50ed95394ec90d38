namespace Checkout.Acquiring;

/// <summary>The acquiring partner that authorizes the first charge with Klarna's token.</summary>
public interface IAcquirer
{
    /// <summary>
    /// Authorizes once per idempotency key: a retry with the same key returns the first answer.
    /// Throws <see cref="AcquirerUnavailableException"/> when the outcome is unknown and may be retried.
    /// </summary>
    Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}
