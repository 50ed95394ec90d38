using System.Collections.Concurrent;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer.Payments;

internal sealed class PartnerPaymentStore
{
    private readonly ConcurrentDictionary<string, PartnerPayment> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PartnerPayment> _byPaymentRequest = new(StringComparer.Ordinal);

    public static string NewId() => $"pay_{RandomText.Hex(24)}";

    public void Add(PartnerPayment payment)
    {
        _byId[payment.PaymentId] = payment;
        if (payment.PaymentRequestId is { } paymentRequestId)
        {
            _byPaymentRequest[paymentRequestId] = payment;
        }
    }

    public PartnerPayment? Find(string paymentId) => _byId.GetValueOrDefault(paymentId);

    public PartnerPayment? FindByPaymentRequest(string paymentRequestId) => _byPaymentRequest.GetValueOrDefault(paymentRequestId);
}

/// <summary>Klarna's customer tokens stay here; partners only ever see the acquirer's own <c>ctok_</c> id.</summary>
internal sealed class CustomerTokenVault
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public string Store(string klarnaCustomerToken)
    {
        var id = $"ctok_{RandomText.Hex(24)}";
        _tokens[id] = klarnaCustomerToken;
        return id;
    }

    public bool Contains(string customerTokenId) => _tokens.ContainsKey(customerTokenId);

    /// <summary>Klarna's customer token behind the acquirer's id, or null when the id is unknown.</summary>
    public string? Find(string customerTokenId) => _tokens.GetValueOrDefault(customerTokenId);
}
