namespace Checkout.Unit.Tests.Klarna;

using Checkout.Klarna;

public sealed class KlarnaIdempotencyKeyTests
{
    private static readonly Guid OrderA = new("6f1c0c1e-8a51-4d55-9a0e-0d8f1e2b3c4d");
    private static readonly Guid OrderB = new("6f1c0c1e-8a51-4d55-9a0e-0d8f1e2b3c4e");

    [Fact]
    public void Name_based_uuid_matches_the_rfc_test_vector()
    {
        // uuid5(NAMESPACE_DNS, "python.org") from Python's uuid module, which implements RFC 9562.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), KlarnaIdempotencyKey.NameBased(dns, "python.org"));
    }

    [Fact]
    public void A_retry_of_the_same_operation_sends_the_same_key() =>
        Assert.Equal(KlarnaIdempotencyKey.For(OrderA, "payment-request:create"), KlarnaIdempotencyKey.For(OrderA, "payment-request:create"));

    [Fact]
    public void Two_orders_or_two_operations_never_share_a_key()
    {
        var keys = new[]
        {
            KlarnaIdempotencyKey.For(OrderA, "payment-request:create"),
            KlarnaIdempotencyKey.For(OrderB, "payment-request:create"),
            KlarnaIdempotencyKey.For(OrderA, "payment-request:cancel"),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Key_is_a_version_5_uuid_in_its_canonical_form()
    {
        var key = KlarnaIdempotencyKey.For(OrderA, "payment-request:create");
        Assert.True(Guid.TryParseExact(key, "D", out var uuid));
        Assert.Equal(5, uuid.Version);
        Assert.Equal(key.ToLowerInvariant(), key);
    }
}
