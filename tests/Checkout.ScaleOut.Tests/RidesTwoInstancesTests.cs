namespace Checkout.ScaleOut.Tests;

using System.Net;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Two app instances on one PostgreSQL database: the merchant's app sends one ride to both at once under one
/// Idempotency-Key, and the ride is stored and charged once.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class RidesTwoInstancesTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly AcquirerCalls _acquirerCalls = new();
    private SandboxServer _sandbox = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("rides");
        _sandbox = await SandboxServer.StartAsync();
        var rides = new Dictionary<string, string?> { [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey };
        _a = new AppInstance("A", connectionString, _sandbox, _acquirerCalls, rides);
        _b = new AppInstance("B", connectionString, _sandbox, _acquirerCalls, rides);
        await Task.WhenAll(Task.Run(_a.Start), Task.Run(_b.Start));
        _sandbox.DeliverTo(_a.Root, _b.Root);
    }

    [Fact]
    public async Task One_ride_sent_to_both_instances_at_once_is_charged_once()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(_a);
        var initialCharges = _acquirerCalls.All.Count;
        using var toA = new RidesMerchant(_a);
        using var toB = new RidesMerchant(_b);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? toA : toB).ChargeAsync(RidesMerchant.Ride(customer, 1500), "ride-key-two-instances")));

        // A duplicate that arrives while the first is at the acquirer is told so (409, the same charge id), never charged.
        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, answer.Body.ToString()));
        // Only the request that stored the ride can answer 201, and it too may find the acquirer busy with a duplicate.
        Assert.InRange(answers.Count(answer => answer.Status == HttpStatusCode.Created), 0, 1);
        var chargeId = Assert.Single(answers.Select(answer => answer.Body.GetProperty("chargeId").GetGuid()).Distinct());
        var (_, again) = await toB.ChargeAsync(RidesMerchant.Ride(customer, 1500), "ride-key-two-instances");
        Assert.Equal("approved", again.GetProperty("status").GetString());
        var rideCalls = _acquirerCalls.All.Skip(initialCharges).ToArray();
        Assert.NotEmpty(rideCalls);
        Assert.Equal($"on-demand-{chargeId:N}-charge", Assert.Single(rideCalls.Select(c => c.IdempotencyKey).Distinct()));
        Assert.Single(rideCalls.Where(c => c.Status == 200).Select(c => c.PaymentId).Distinct());
        Assert.Equal(again.GetProperty("paymentId").GetString(), rideCalls.First(c => c.Status == 200).PaymentId);
        Assert.Equal(1, await _a.WithDatabaseAsync((db, _) => db.OnDemandCharges.CountAsync(c => c.CustomerId == customer)));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _sandbox.DisposeAsync();
    }
}
