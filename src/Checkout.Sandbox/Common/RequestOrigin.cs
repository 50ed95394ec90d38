using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Common;

internal static class RequestOrigin
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";
}
