namespace Checkout.Web.Infrastructure.Http;

public static class RequestLimits
{
    /// <summary>Bodies of at most 1 MiB and JSON at most 16 levels deep: nothing a shopper, Klarna or a store sends is bigger.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = 16);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        return builder;
    }
}
