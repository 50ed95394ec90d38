namespace Checkout.ScaleOut.Tests;

using System.Collections.Concurrent;
using System.Text.Json;
using Checkout.Acquiring.Generic;

/// <summary>One authorization attempt the app sent to the acquirer, and what came back.</summary>
public sealed record AcquirerCall(string Instance, string IdempotencyKey, int Status, string? PaymentId);

public sealed class AcquirerCalls
{
    public ConcurrentQueue<AcquirerCall> All { get; } = new();
}

/// <summary>Records every <c>POST …/acquirer/payment</c> an app instance makes, with the acquirer's payment id.</summary>
internal sealed class AcquirerCallRecorder(AcquirerCalls calls, string instance) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/acquirer/payment", StringComparison.Ordinal))
        {
            var key = request.Headers.TryGetValues(GenericAcquirerClient.IdempotencyKeyHeader, out var values) ? values.Single() : "";
            string? paymentId = null;
            if (response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                paymentId = body.RootElement.TryGetProperty("payment_id", out var id) ? id.GetString() : null;
            }
            calls.All.Enqueue(new AcquirerCall(instance, key, (int)response.StatusCode, paymentId));
        }
        return response;
    }
}
