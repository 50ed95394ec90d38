namespace Checkout.Contract.Tests.Conformance;

/// <summary>The partner-facing answers, which the generic (the merchant-led flow) acquirer and the partner API both give.</summary>
public static class Seed002Answers
{
    public const string Completed =
        $$"""{"payment_id":"{{AcquirerConformanceIds.PaymentId}}","status":"completed","payment_transaction_id":"krn:payment:eu1:transaction:1"}""";

    public const string Declined =
        $$"""{"payment_id":"{{AcquirerConformanceIds.PaymentId}}","status":"failed","failure_reason":"DECLINED","failure_message":"Klarna declined the charge"}""";

    public const string Revoked =
        $$"""{"payment_id":"{{AcquirerConformanceIds.PaymentId}}","status":"failed","failure_reason":"TOKEN_REVOKED","failure_message":"Klarna declined: CUSTOMER_TOKEN_REVOKED"}""";

    public const string StepUp =
        $$"""{"payment_id":"{{AcquirerConformanceIds.PaymentId}}","status":"open","url":"{{AcquirerConformanceIds.JourneyUrl}}"}""";

    public const string Problem = """{"title":"Invalid request","detail":"currency: not supported for this merchant."}""";
}

/// <summary>The ids the conformance answers carry.</summary>
public static class AcquirerConformanceIds
{
    public const string PaymentId = "pay_conformance_1";
    public const string JourneyUrl = "https://pay.test.klarna.com/na/requests/5e0c7a1d-conformance/start";
}
