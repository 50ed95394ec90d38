namespace Checkout.Web.MerchantAuthentication;

using Microsoft.AspNetCore.Authentication;

/// <summary>
/// The merchant's server as a caller: <c>Authorization: Bearer &lt;key&gt;</c> with one of <c>Merchant:ApiKeys</c>.
/// An API for it puts <c>.RequireAuthorization(MerchantApiAuthorization.Policy)</c> on its <c>MapGroup</c>; while no key
/// is set every such URL answers 404, as if it did not exist.
/// </summary>
public static class MerchantApiAuthorization
{
    public const string Scheme = "MerchantApiKey";

    public const string Policy = "MerchantApi";

    public static IServiceCollection AddMerchantApiKeys(this IServiceCollection services)
    {
        services.AddOptions<MerchantApiKeySettings>().BindConfiguration(MerchantApiKeySettings.Section)
            .Validate(s => s.ApiKeys.All(k => k.Trim().Length >= MerchantApiKeySettings.MinimumLength),
                $"Merchant:ApiKeys must list keys of at least {MerchantApiKeySettings.MinimumLength} characters each, or be absent to keep the merchant API off.")
            .ValidateOnStart();
        services.AddSingleton<MerchantApiKeys>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, MerchantApiKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }
}
