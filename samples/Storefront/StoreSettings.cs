namespace Storefront;

using Microsoft.Extensions.Options;
using StandardWebhooks;

/// <summary>Where the checkout is and the store's credentials for it (<c>Checkout:</c>): the API key and the events' secret.</summary>
public sealed class CheckoutSettings
{
    public const string Section = "Checkout";

    /// <summary>The checkout's root, e.g. <c>http://localhost:5080</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>One of the checkout's <c>Merchant:ApiKeys</c>, sent as a bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>whsec_…</c> secret the checkout signs this store's events with (its <c>Merchant:Webhooks:&lt;name&gt;:Secret</c>).</summary>
    public string? WebhookSecret { get; set; }

    public Uri Root => new(BaseUrl!.TrimEnd('/') + "/");
}

/// <summary>What the store sells (<c>Store:</c>): one of the checkout's plans.</summary>
public sealed class StoreSettings
{
    public const string Section = "Store";

    public string Name { get; set; } = "Streamly";

    public string PlanId { get; set; } = "premium-monthly";

    public string PlanDescription { get; set; } = "";
}

/// <summary>Each missing or malformed setting, named, so the start stops with one line per setting to fix.</summary>
public sealed class CheckoutSettingsValidator : IValidateOptions<CheckoutSettings>
{
    public ValidateOptionsResult Validate(string? name, CheckoutSettings options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            failures.Add("Checkout:BaseUrl must be the checkout's http(s) address, e.g. http://localhost:5080.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Checkout:ApiKey is missing: one of the checkout's Merchant:ApiKeys.");
        }
        if (!IsStandardWebhooksSecret(options.WebhookSecret))
        {
            failures.Add("Checkout:WebhookSecret must be the whsec_… secret of the checkout's Merchant:Webhooks endpoint for this store.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsStandardWebhooksSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            _ = new StandardWebhook(secret);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public static class StoreSettingsRegistration
{
    public static IServiceCollection AddStoreSettings(this IServiceCollection services)
    {
        services.AddOptions<CheckoutSettings>().BindConfiguration(CheckoutSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CheckoutSettings>, CheckoutSettingsValidator>();
        services.AddOptions<StoreSettings>().BindConfiguration(StoreSettings.Section)
            .Validate(s => !string.IsNullOrWhiteSpace(s.PlanId), "Store:PlanId is missing: the checkout's plan this store sells.")
            .ValidateOnStart();
        return services;
    }
}
