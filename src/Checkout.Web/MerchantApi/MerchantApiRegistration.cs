namespace Checkout.Web.MerchantApi;

public static class MerchantApiRegistration
{
    /// <summary>The OpenAPI document of <c>/api/v1</c> alone, served in Development and shipped as <c>docs/openapi-v1.json</c>.</summary>
    public static IServiceCollection AddMerchantApi(this IServiceCollection services) =>
        services.AddOpenApi(MerchantApiEndpoints.GroupName, o =>
        {
            o.ShouldInclude = d => d.GroupName == MerchantApiEndpoints.GroupName;
            o.AddDocumentTransformer<MerchantApiDocument>();
        });
}
