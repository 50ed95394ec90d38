namespace Checkout.Web.Subscriptions;

using Serilog.Core;
using Serilog.Events;

/// <summary>
/// Replaces the shopper's link token in the request path every log event inside a request carries (the host's log
/// scope, <c>RequestPath</c>) and in the hosting's own "Request starting/finished" lines (<c>Path</c>, shown when
/// <c>Microsoft.AspNetCore</c> logs at Information), so no log line gives away a shopper's access to their subscription.
/// </summary>
public sealed class ShopperLinkRedaction : ILogEventEnricher
{
    private static readonly string[] PathProperties = ["RequestPath", "Path"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path }
                && ShopperLinks.Redact(path) is var redacted && !ReferenceEquals(redacted, path))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
            }
        }
    }
}
