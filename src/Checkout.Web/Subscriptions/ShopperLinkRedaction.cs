namespace Checkout.Web.Subscriptions;

using Serilog.Core;
using Serilog.Events;

/// <summary>
/// Replaces the shopper's link token in the request path every log event inside a request carries (the host's log
/// scope), so no log line gives away a shopper's access to their subscription.
/// </summary>
public sealed class ShopperLinkRedaction : ILogEventEnricher
{
    private const string RequestPath = "RequestPath";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(RequestPath, out var value) && value is ScalarValue { Value: string path }
            && ShopperLinks.Redact(path) is var redacted && !ReferenceEquals(redacted, path))
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(RequestPath, new ScalarValue(redacted)));
        }
    }
}
