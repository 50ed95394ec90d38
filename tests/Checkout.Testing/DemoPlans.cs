namespace Checkout.Testing;

using Checkout.Domain.Plans;
using Checkout.Web.Catalog;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The demo catalog of the development settings (<c>src/Checkout.Web/appsettings.Development.json</c>), which the app
/// under test sells: read the same way the app reads it, for tests that need a plan without a running app, and as
/// settings for an app started outside Development.
/// </summary>
public static class DemoPlans
{
    private static readonly Lazy<IConfigurationSection> Section = new(() =>
        new ConfigurationBuilder().AddJsonFile(DevelopmentSettingsPath).Build().GetSection(CatalogSettings.Section));

    public static string DevelopmentSettingsPath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Checkout.sln")))
            {
                directory = directory.Parent;
            }
            return directory is null
                ? throw new InvalidOperationException("Run from inside the repository (Checkout.sln not found).")
                : Path.Combine(directory.FullName, "src", "Checkout.Web", "appsettings.Development.json");
        }
    }

    public static PlanCatalog Catalog { get; } = PlanCatalog.From(Section.Value.Get<CatalogSettings>()!.Plans);

    public static Plan Find(string id) => Catalog.Find(id) ?? throw new ArgumentException($"The demo catalog has no plan {id}.", nameof(id));

    /// <summary>The demo catalog as <c>Catalog:Plans:…</c> settings, for an app started in another environment.</summary>
    public static Dictionary<string, string?> Settings() =>
        Section.Value.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The development settings' demo brand (<c>Brand:…</c>), for an app started in another environment.</summary>
    public static Dictionary<string, string?> BrandSettings() =>
        new ConfigurationBuilder().AddJsonFile(DevelopmentSettingsPath).Build().GetSection("Brand").AsEnumerable()
            .Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>A plan's settings as the <paramref name="index"/>-th entry of <c>Catalog:Plans</c>.</summary>
    public static Dictionary<string, string?> PlanSettings(int index, IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(pair => $"Catalog:Plans:{index}:{pair.Key}", pair => (string?)pair.Value, StringComparer.OrdinalIgnoreCase);
}
