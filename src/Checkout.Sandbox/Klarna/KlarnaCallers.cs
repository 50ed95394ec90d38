using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Klarna;

internal enum KlarnaCaller
{
    Unknown,
    Merchant,
    Acquirer,
}

/// <summary>Marks an endpoint that also takes the acquirer's Klarna API key.</summary>
internal sealed class AcquirerKeyAccepted;

/// <summary>Tells the merchant's Klarna API key from the acquirer's: two Klarna accounts, two keys.</summary>
internal static class KlarnaCallers
{
    private const string ItemKey = "Checkout.Sandbox.KlarnaCaller";

    public static KlarnaCaller Identify(HttpRequest request, SandboxOptions options)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1)
        {
            return KlarnaCaller.Unknown;
        }

        return SecretComparer.AreEqual(headers[0], $"Basic {options.Klarna.ApiKey}") ? KlarnaCaller.Merchant
            : SecretComparer.AreEqual(headers[0], $"Basic {options.Acquirer.KlarnaApiKey}") ? KlarnaCaller.Acquirer
            : KlarnaCaller.Unknown;
    }

    public static void Remember(HttpContext context, KlarnaCaller caller) => context.Items[ItemKey] = caller;

    public static KlarnaCaller Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var caller) && caller is KlarnaCaller known ? known : KlarnaCaller.Unknown;
}
