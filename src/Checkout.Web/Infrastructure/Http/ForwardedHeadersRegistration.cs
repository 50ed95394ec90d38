namespace Checkout.Web.Infrastructure.Http;

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

/// <summary>Settings under <c>ForwardedHeaders:</c>: the proxies and load balancers whose <c>X-Forwarded-*</c> headers are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the app, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, e.g. <c>10.0.0.0/16</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// The client's address and scheme from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed only from the
/// configured proxies (none by default, not even loopback): rate limits and the sign-in lock-out then count the real
/// client, and a client cannot pick its own address by sending the header itself.
/// </summary>
public static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddCheckoutForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses, one per entry (e.g. 10.0.0.5).")
            .Validate(s => s.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownNetworks must list networks in CIDR form, one per entry (e.g. 10.0.0.0/16).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk X-Forwarded-For from the right through every configured proxy, stopping at the first address that is not one.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
            foreach (var network in settings.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return services;
    }
}
