namespace Checkout.Integration.Tests;

using System.Collections.Concurrent;
using Checkout.Acquiring;
using Checkout.Domain.Plans;
using Checkout.Domain.Tokens;
using Microsoft.Extensions.DependencyInjection;

public static class ServiceDecoration
{
    /// <summary>Wraps the last registration of <typeparamref name="T"/>, keeping its lifetime.</summary>
    public static void Decorate<T>(this IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var inner = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(inner);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap(sp, (T)Create(sp, inner)), inner.Lifetime));
    }

    private static object Create(IServiceProvider sp, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
}

/// <summary>Every answer the acquirer gave, by idempotency key: the way to count charges.</summary>
public sealed class AcquirerLedger
{
    public ConcurrentBag<(string Key, AuthorizationStatus Status, string PaymentId)> Answers { get; } = [];

    public ConcurrentBag<string> Attempts { get; } = [];
}

/// <summary>Records calls and answers; can fail before or after the acquirer saw the request, like a crash would.</summary>
public sealed class RecordingAcquirer(IAcquirer inner, AcquirerLedger ledger, Func<bool>? crashBefore = null, Func<bool>? crashAfter = null) : IAcquirer
{
    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        ledger.Attempts.Add(request.IdempotencyKey);
        if (crashBefore?.Invoke() == true)
        {
            throw new InvalidOperationException("Simulated crash before the acquirer was called.");
        }
        var result = await inner.AuthorizeAsync(request, cancellationToken);
        ledger.Answers.Add((request.IdempotencyKey, result.Status, result.PaymentId));
        if (crashAfter?.Invoke() == true)
        {
            throw new InvalidOperationException("Simulated crash after the acquirer answered.");
        }
        return result;
    }
}

/// <summary>A vault that fails before storing, as a process killed at that step would.</summary>
public sealed class CrashingVault(ICustomerTokenVault inner, Func<bool> crash) : ICustomerTokenVault
{
    public Task SaveAsync(Guid orderId, TokenScope scope, CustomerToken token, CancellationToken cancellationToken) =>
        crash() ? throw new InvalidOperationException("Simulated crash before the token was stored.") : inner.SaveAsync(orderId, scope, token, cancellationToken);

    public Task<CustomerToken?> FindAsync(Guid orderId, CancellationToken cancellationToken) => inner.FindAsync(orderId, cancellationToken);

    public Task<IReadOnlyDictionary<Guid, CustomerToken>> FindAllAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        inner.FindAllAsync(orderIds, cancellationToken);
}
