namespace Checkout.Acquiring;

/// <summary>What every acquirer client treats as "could not reach it": the outcome is unknown, retry later with the same key.</summary>
public static class AcquirerTransport
{
    public static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested;

    public static AcquirerUnavailableException Unreachable(Exception exception) => new("The acquirer could not be reached.", exception);
}
