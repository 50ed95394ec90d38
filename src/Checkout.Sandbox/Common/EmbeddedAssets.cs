using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Common;

internal static class EmbeddedAssets
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(HttpContext context, string fileName, string contentType)
    {
        var bytes = Cache.GetOrAdd(fileName, Load);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Bytes(bytes, contentType);
    }

    private static byte[] Load(string fileName)
    {
        var resourceName = $"Checkout.Sandbox.Assets.{fileName}";
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded asset '{resourceName}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
