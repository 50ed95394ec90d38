namespace Checkout.Web.Webhooks;

/// <summary>Reads a request body as the exact bytes sent, up to a limit.</summary>
public static class RawBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // The sender stopped mid-body: nothing usable arrived.
            return null;
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }
}
