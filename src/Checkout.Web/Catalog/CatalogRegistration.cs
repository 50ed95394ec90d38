namespace Checkout.Web.Catalog;

using Checkout.Domain.Plans;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

public static class CatalogRegistration
{
    /// <summary>
    /// The merchant's plans from <c>Catalog:Plans</c> (or <c>Catalog:File</c>), checked at start; every page, the
    /// checkout, renewals and rides read this one <see cref="PlanCatalog"/>.
    /// </summary>
    public static IServiceCollection AddPlanCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogSettings>().BindConfiguration(CatalogSettings.Section)
            .PostConfigure<IConfiguration, IHostEnvironment>((settings, configuration, environment) =>
                settings.Read(configuration.GetSection(CatalogSettings.Section), environment.ContentRootPath))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogSettings>, CatalogSettingsValidator>();
        services.TryAddSingleton(sp => PlanCatalog.From(sp.GetRequiredService<IOptions<CatalogSettings>>().Value.Plans));
        return services;
    }
}
