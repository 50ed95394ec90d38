using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna;

/// <summary>Klarna's Payment Request API takes <c>Authorization: Basic &lt;API key&gt;</c>.</summary>
internal sealed class KlarnaApiKeyFilter(IOptions<SandboxOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers.Authorization;
        var expected = $"Basic {options.Value.Klarna.ApiKey}";
        if (headers.Count != 1 || !SecretComparer.AreEqual(headers[0], expected))
        {
            return KlarnaError.Unauthorized();
        }

        return await next(context);
    }
}
