using System.Collections.Concurrent;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal sealed class PaymentRequestStore
{
    private readonly ConcurrentDictionary<Guid, PaymentRequestRecord> _requests = new();

    public void Add(PaymentRequestRecord record)
    {
        if (!_requests.TryAdd(record.Id, record))
        {
            throw new InvalidOperationException($"Payment request {record.Id} already exists.");
        }
    }

    public PaymentRequestRecord? Find(Guid id) => _requests.GetValueOrDefault(id);

    public IEnumerable<PaymentRequestRecord> All => _requests.Values;
}
