namespace Checkout.Acquiring;

/// <summary>Sends to an acquirer; a failure to reach it (or a timeout) becomes <see cref="AcquirerUnavailableException"/>.</summary>
public static class AcquirerTransport
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new AcquirerUnavailableException("The acquirer could not be reached.", e);
        }
    }
}
