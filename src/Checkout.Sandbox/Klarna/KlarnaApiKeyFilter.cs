using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna;

/// <summary>
/// Klarna's Payment Request API takes <c>Authorization: Basic &lt;API key&gt;</c>: the merchant's key everywhere,
/// the acquirer's key only on endpoints marked <see cref="AcquirerKeyAccepted"/>.
/// </summary>
internal sealed class KlarnaApiKeyFilter(IOptions<SandboxOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = KlarnaCallers.Identify(http.Request, options.Value);
        var allowed = caller == KlarnaCaller.Merchant
            || (caller == KlarnaCaller.Acquirer && http.GetEndpoint()?.Metadata.GetMetadata<AcquirerKeyAccepted>() is not null);
        if (!allowed)
        {
            return KlarnaError.Unauthorized();
        }

        KlarnaCallers.Remember(http, caller);
        return await next(context);
    }
}

/// <summary>The Payment Authorize API belongs to the acquirer's Klarna account: only its key is accepted.</summary>
internal sealed class AcquirerKlarnaApiKeyFilter(IOptions<SandboxOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (KlarnaCallers.Identify(context.HttpContext.Request, options.Value) != KlarnaCaller.Acquirer)
        {
            return KlarnaError.Unauthorized();
        }

        KlarnaCallers.Remember(context.HttpContext, KlarnaCaller.Acquirer);
        return await next(context);
    }
}
