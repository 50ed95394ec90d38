using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer;

internal sealed class AcquirerApiKeyFilter(IOptions<SandboxOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers.Authorization;
        if (headers.Count != 1 || !SecretComparer.AreEqual(headers[0], $"Bearer {options.Value.Acquirer.ApiKey}"))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send Authorization: Bearer <Acquirer:ApiKey>.");
        }

        return await next(context);
    }
}
