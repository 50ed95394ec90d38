using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Common;

internal static class RequestBody
{
    /// <summary>The raw bytes: idempotency compares them and validation parses them.</summary>
    public static async Task<byte[]> ReadAllAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
