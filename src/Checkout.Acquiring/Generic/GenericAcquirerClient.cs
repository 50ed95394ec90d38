namespace Checkout.Acquiring.Generic;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

/// <summary>Seed 000's acquirer shape, answered in seed 002's partner-facing form.</summary>
public sealed class GenericAcquirerClient(HttpClient http, IOptions<AcquirerOptions> options) : IAcquirer
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, "payment")
        {
            Content = JsonContent.Create(new GenericPaymentRequest(
                request.Amount.MinorUnits,
                request.Amount.Currency.Code,
                request.Reference,
                new GenericPaymentMethods(new GenericKlarnaMethod(request.InteroperabilityToken)))),
        };
        message.Headers.Add(IdempotencyKeyHeader, request.IdempotencyKey);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);

        var response = await AcquirerTransport.SendAsync(http, message, cancellationToken);

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AcquirerUnavailableException($"The acquirer answered {(int)response.StatusCode}.");
            }
            var body = await ReadAsync(response, cancellationToken);
            return new AuthorizationResult(
                StatusOf(body.Status),
                body.PaymentId ?? throw new AcquirerUnavailableException("The acquirer's answer has no payment_id."),
                body.AdditionalData?.KlarnaNetworkResponseData);
        }
    }

    private static async Task<GenericPaymentResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<GenericPaymentResponse>(cancellationToken)
                ?? throw new AcquirerUnavailableException("The acquirer answered with an empty body.");
        }
        catch (JsonException e)
        {
            throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", e);
        }
    }

    private static AuthorizationStatus StatusOf(string? status) => status switch
    {
        "completed" => AuthorizationStatus.Approved,
        "failed" => AuthorizationStatus.Declined,
        "open" => AuthorizationStatus.Pending,
        _ => throw new AcquirerUnavailableException($"The acquirer answered an unknown status '{status}'."),
    };
}
