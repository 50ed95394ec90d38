namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The acquirer charges the first ride it is asked for, and its answer is lost on the way back.</summary>
public sealed class LostRideAnswerAppFactory : CheckoutAppFactory
{
    public LostRideAnswerAppFactory()
        : base(null, 0, new Dictionary<string, string?> { [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey }, Lose, null)
    {
    }

    private static void Lose(IServiceCollection services)
    {
        services.AddSingleton<LostAnswers>();
        services.AddTransient<ICustomerPresentCharger>(sp =>
            new AnswerLosingCharger(sp.GetRequiredService<GenericCustomerPresentCharger>(), sp.GetRequiredService<LostAnswers>()));
    }
}

public sealed class LostAnswers
{
    private int _lost;

    public List<string> Keys { get; } = [];

    /// <summary>The acquirer's payment id in each answer, the lost one included.</summary>
    public List<string?> PaymentIds { get; } = [];

    public bool LoseThisOne() => Interlocked.Exchange(ref _lost, 1) == 0;
}

/// <summary>Forwards to the real acquirer; the first answer it gets is thrown away, as a timeout after the acquirer answered.</summary>
public sealed class AnswerLosingCharger(ICustomerPresentCharger inner, LostAnswers lost) : ICustomerPresentCharger
{
    public async Task<CustomerPresentChargeResult> ChargeAsync(CustomerPresentChargeRequest request, CancellationToken cancellationToken)
    {
        lock (lost.Keys)
        {
            lost.Keys.Add(request.IdempotencyKey);
        }
        var answer = await inner.ChargeAsync(request, cancellationToken);
        lock (lost.Keys)
        {
            lost.PaymentIds.Add(answer.PaymentId);
        }
        return lost.LoseThisOne() ? throw new AcquirerUnavailableException("The answer was lost on the way back.") : answer;
    }

    public Task<CustomerPresentChargeResult?> ReadAsync(string paymentId, CancellationToken cancellationToken) => inner.ReadAsync(paymentId, cancellationToken);
}

/// <summary>
/// A ride whose answer is lost stays pending; the merchant's retry with its key asks the acquirer again under the same
/// acquirer key, and the acquirer answers with the payment it already made.
/// </summary>
public sealed class OnDemandFaultTests(LostRideAnswerAppFactory app) : IClassFixture<LostRideAnswerAppFactory>
{
    [Fact]
    public async Task A_lost_answer_leaves_the_ride_pending_and_the_retry_with_the_same_key_charges_once()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var lost = app.Services.GetRequiredService<LostAnswers>();

        var (first, problem) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), "ride-key-lost-answer");
        var chargeId = problem.GetProperty("chargeId").GetGuid();
        var (pending, read) = await merchant.ReadAsync(chargeId);
        var (retried, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), "ride-key-lost-answer");

        Assert.Equal(HttpStatusCode.BadGateway, first);
        Assert.Equal(HttpStatusCode.OK, pending);
        Assert.Equal("pending", read.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, retried);
        Assert.Equal(chargeId, charge.GetProperty("chargeId").GetGuid());
        Assert.Equal("approved", charge.GetProperty("status").GetString());
        Assert.Equal(2, lost.Keys.Count);
        Assert.Single(lost.Keys.Distinct());
        Assert.Equal(charge.GetProperty("paymentId").GetString(), Assert.Single(lost.PaymentIds.Distinct()));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().OnDemandCharges.CountAsync(c => c.CustomerId == customer));
    }
}
