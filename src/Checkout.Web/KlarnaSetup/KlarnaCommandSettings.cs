namespace Checkout.Web.KlarnaSetup;

using Checkout.Klarna;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;

/// <summary>The settings the <c>klarna</c> verbs read, bound through the app's own settings classes (they run without its host).</summary>
public sealed record KlarnaCommandSettings(KlarnaOptions Klarna, CheckoutSettings Checkout, SecuritySettings Security)
{
    public static KlarnaCommandSettings Bind(IConfiguration configuration)
    {
        var klarna = configuration.GetSection(KlarnaOptions.Section).Get<KlarnaOptions>() ?? new KlarnaOptions();
        klarna.WebhookSigningKeys = SigningKeyConfiguration.Read(configuration);
        return new KlarnaCommandSettings(
            klarna,
            configuration.GetSection(CheckoutSettings.Section).Get<CheckoutSettings>() ?? new CheckoutSettings(),
            configuration.GetSection(SecuritySettings.Section).Get<SecuritySettings>() ?? new SecuritySettings());
    }
}
