using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>Maps the partner's fields onto Payment Authorize; the partner's Klarna data goes through as received.</summary>
internal static class KlarnaAuthorizeBody
{
    // Escape only what JSON requires, so opaque strings travel as close to byte-for-byte as JSON allows.
    private static readonly JsonSerializerOptions Minimal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(NewPayment payment)
    {
        var body = new JsonObject { ["currency"] = payment.Currency };
        if (payment.Amount is { } amount)
        {
            body["request_payment_transaction"] = WithoutNulls(new JsonObject
            {
                ["amount"] = amount,
                ["payment_option_id"] = payment.PaymentOptionId,
                ["payment_transaction_reference"] = payment.Reference,
            });
        }

        body["request_customer_token"] = new JsonObject
        {
            ["scopes"] = new JsonArray([.. payment.Scopes.Select(scope => JsonValue.Create(scope))]),
            ["customer_token_reference"] = payment.Reference,
        };
        if (payment.SupplementaryPurchaseData is { } purchaseData)
        {
            body["supplementary_purchase_data"] = purchaseData.DeepClone();
        }

        if (payment.KlarnaNetworkData is { } networkData)
        {
            body["klarna_network_data"] = networkData;
        }

        body["step_up_config"] = new JsonObject
        {
            ["payment_request_reference"] = payment.Reference,
            ["customer_interaction_config"] = WithoutNulls(new JsonObject
            {
                ["method"] = "HANDOVER",
                ["return_url"] = payment.ReturnUrl,
                ["app_return_url"] = payment.AppReturnUrl,
            }),
        };
        return body.ToJsonString(Minimal);
    }

    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var name in node.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            node.Remove(name);
        }

        return node;
    }
}
