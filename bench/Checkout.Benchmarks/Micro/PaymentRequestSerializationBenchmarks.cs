namespace Checkout.Benchmarks.Micro;

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Klarna;
using Checkout.Klarna.PaymentRequests;
using Checkout.Testing;

/// <summary>Building and serializing the body of Klarna's <c>POST /v2/payment/requests</c>.</summary>
public class PaymentRequestSerializationBenchmarks
{
    private readonly Uri _returnUrl = new("http://127.0.0.1:5080/checkout/return?checkoutId=6f1c1f7e-41d4-4a43-9a55-7b5a63a1c2d9");
    private readonly DateOnly _today = new(2026, 11, 21);
    private Plan _plan = null!;
    private Order _order = null!;
    private PaymentRequestBody _body = null!;

    [Params("premium-monthly", "rides-on-demand")]
    public string PlanId { get; set; } = "premium-monthly";

    [GlobalSetup]
    public void Setup()
    {
        _plan = DemoPlans.Find(PlanId);
        _order = Order.Start(_plan, DateTimeOffset.UtcNow);
        _body = Create();
    }

    [Benchmark(Description = "PaymentRequestFactory.Create")]
    public PaymentRequestBody Create() => PaymentRequestFactory.Create(_order, _plan, "S0xBUk5BX0RFRkFVTFQ=", _returnUrl, _today);

    [Benchmark(Description = "Serialize (string)")]
    public string Serialize() => JsonSerializer.Serialize(_body, KlarnaJson.Options);

    [Benchmark(Description = "Create + Serialize (UTF-8 bytes)")]
    public byte[] CreateAndSerialize() => JsonSerializer.SerializeToUtf8Bytes(Create(), KlarnaJson.Options);
}
