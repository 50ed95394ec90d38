namespace Checkout.Contract.Tests.Resilience;

using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Contract.Tests.Samples;
using Checkout.Domain.Pricing;
using Checkout.Klarna.PaymentRequests;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A client call that changes something upstream (creates a request, authorizes money), as the fault tests drive it.</summary>
public sealed record EffectfulCall(
    string Name,
    AcquirerKind Kind,
    string Path,
    string IdempotencyHeader,
    int SuccessStatus,
    string SuccessSample,
    string SuccessId,
    Func<IServiceProvider, string, Task<string>> Invoke,
    Func<Exception, bool> IsTransientFailure,
    Type MalformedBodyException,
    Type EmptyBodyException)
{
    public const string KlarnaCreate = "Klarna create";
    public const string GenericAuthorize = "generic authorize";
    public const string WorldlineAuthorize = "Worldline authorize";

    public const string GenericTokenCharge = "generic token charge";
    public const string PartnerTokenCharge = "partner token charge";

    public static readonly string[] AllNames = [KlarnaCreate, GenericAuthorize, WorldlineAuthorize, GenericTokenCharge, PartnerTokenCharge];

    public static TheoryData<string> Names => new(AllNames);

    public static EffectfulCall Named(string name) => All.Single(c => c.Name == name);

    private static readonly EffectfulCall[] All =
    [
        new(KlarnaCreate, AcquirerKind.Generic, "/v2/payment/requests", KlarnaPaymentRequestsClient.IdempotencyKeyHeader,
            201, Sample.Seed000Submitted, "krn:payment:eu1:request:10be1d49-7beb-6b24-b9dd-8c14d0528503",
            async (sp, key) => (await sp.GetRequiredService<KlarnaPaymentRequestsClient>()
                .CreateAsync(new PaymentRequestBody { Currency = "USD", Amount = 999 }, key, "krn:network:session-token", CancellationToken.None))
                .PaymentRequestId!,
            // The Klarna client leaves transport failures to its callers: HttpClient's own exception types.
            e => e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException },
            typeof(JsonException), typeof(KlarnaApiException)),
        new(GenericAuthorize, AcquirerKind.Generic, "/payment", GenericAcquirerClient.IdempotencyKeyHeader,
            200, Sample.Seed002Completed, "pr_27234RBQD9NAKD032BN",
            AuthorizeAsync, e => e is AcquirerUnavailableException, typeof(AcquirerUnavailableException), typeof(AcquirerUnavailableException)),
        new(WorldlineAuthorize, AcquirerKind.WorldlineConnect, $"/v1/{OutboundClientHost.MerchantId}/payments",
            WorldlineConnectClient.IdempotencyKeyHeader, 201, Sample.WorldlineCreated, "000000999910000012340000100001",
            AuthorizeAsync, e => e is AcquirerUnavailableException, typeof(AcquirerUnavailableException), typeof(AcquirerUnavailableException)),
        new(GenericTokenCharge, AcquirerKind.Generic, "/payment", GenericAcquirerClient.IdempotencyKeyHeader,
            200, Sample.Seed002Completed, "pr_27234RBQD9NAKD032BN",
            (sp, key) => ChargeAsync(sp.GetRequiredService<GenericTokenCharger>(), TokenCharge.Renewal.KlarnaToken, key),
            e => e is AcquirerUnavailableException, typeof(AcquirerUnavailableException), typeof(AcquirerUnavailableException)),
        new(PartnerTokenCharge, AcquirerKind.Generic, "/v1/payments", PartnerPaymentsClient.IdempotencyKeyHeader,
            201, Sample.Seed002Completed, "pr_27234RBQD9NAKD032BN",
            (sp, key) => ChargeAsync(sp.GetRequiredService<PartnerTokenCharger>(), TokenCharge.Renewal.AcquirerTokenId, key),
            e => e is AcquirerUnavailableException, typeof(AcquirerUnavailableException), typeof(AcquirerUnavailableException)),
    ];

    private static async Task<string> ChargeAsync(ITokenCharger charger, string token, string key) =>
        (await charger.ChargeAsync(TokenCharge.Renewal.Request(token, key), CancellationToken.None)).PaymentId!;

    public static AuthorizationRequest FirstCharge(string key) =>
        new("3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b", Money.Of(999, "USD"), "krn:network:session-token", key);

    private static async Task<string> AuthorizeAsync(IServiceProvider sp, string key) =>
        (await sp.GetRequiredService<IAcquirer>().AuthorizeAsync(FirstCharge(key), CancellationToken.None)).PaymentId;

    public override string ToString() => Name;
}
