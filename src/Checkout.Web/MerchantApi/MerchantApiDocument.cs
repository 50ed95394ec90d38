namespace Checkout.Web.MerchantApi;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

/// <summary>
/// The OpenAPI document of <c>/api/v1</c>: its title, the bearer key every call needs, and no server address, so the
/// document served is the same wherever it runs and equals the shipped <c>docs/openapi-v1.json</c>.
/// </summary>
public sealed class MerchantApiDocument : IOpenApiDocumentTransformer
{
    public const string SchemeName = "merchantApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Checkout merchant API",
            Version = "v1",
            Description = "Called by the merchant's store from its server: checkout sessions, ride charges and links to the shopper's subscription page. "
                + "Every call sends Authorization: Bearer <one of Merchant:ApiKeys>; without configured keys the whole API answers 404.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "One of the keys in Merchant:ApiKeys.",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
