namespace Checkout.Web.Infrastructure.Http;

/// <summary>
/// Reads the whole answer inside its attempt. The resilience handler returns once the headers are in, so without
/// this a connection that breaks mid-body, or a body that stalls, would fail later in the caller's read, outside
/// the retries and the attempt's timeout.
/// </summary>
public sealed class BufferedAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
