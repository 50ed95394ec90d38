namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The direct flow with the on-demand API on: the merchant passes Klarna's token to the generic acquirer.</summary>
public sealed class RidesAppFactory : CheckoutAppFactory
{
    public RidesAppFactory()
        : base(null, 0, new Dictionary<string, string?>
        {
            [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey,
            ["Merchant:ApiKeys:1"] = RidesMerchant.NextApiKey,
            ["OnDemand:MaxChargeMinorUnits"] = "8000",
        }, null, null)
    {
    }
}

/// <summary>
/// The merchant's app charges rides on the rides customer's token: approved at once, stepped up through Klarna's journey
/// and then approved, declined, revoked; one charge per idempotency key, however often or concurrently it is sent.
/// </summary>
/// <summary>The same, with Klarna's declines as plain as its public pages show them: no reason code.</summary>
public sealed class PlainDeclineRidesAppFactory : CheckoutAppFactory
{
    public PlainDeclineRidesAppFactory()
        : base(null, 0, new Dictionary<string, string?>
        {
            [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey,
            ["Sandbox:Klarna:TokenChargeDeclineReasons"] = "Omitted",
        }, null, null)
    {
    }
}

/// <summary>A revoked token Klarna declines without saying why is a declined ride: nothing is charged, nothing waits.</summary>
public sealed class OnDemandPlainDeclineTests(PlainDeclineRidesAppFactory app) : IClassFixture<PlainDeclineRidesAppFactory>
{
    [Fact]
    public async Task A_revoked_token_declined_without_a_reason_is_a_declined_ride()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        await KlarnaTokens.RevokeAsync(app, customer);
        using var merchant = new RidesMerchant(app);

        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), Guid.NewGuid().ToString("N"));

        Assert.Equal("declined", charge.GetProperty("status").GetString());
        Assert.DoesNotContain("REVOKED", charge.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}

public sealed class OnDemandChargeTests(RidesAppFactory app) : IClassFixture<RidesAppFactory>
{
    [Fact]
    public async Task A_ride_is_approved_at_once_with_the_acquirers_payment_id()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), NewKey());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("approved", charge.GetProperty("status").GetString());
        Assert.StartsWith("pay_", charge.GetProperty("paymentId").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("krn:payment:", charge.GetProperty("paymentTransactionId").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, charge.GetProperty("purchaseJourneyUrl").ValueKind);
    }

    [Fact]
    public async Task A_ride_that_steps_up_returns_klarnas_journey_and_is_approved_once_the_shopper_completes_it()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1542), NewKey());
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("step_up_required", charge.GetProperty("status").GetString());
        var chargeId = charge.GetProperty("chargeId").GetGuid();
        var journeyUrl = charge.GetProperty("purchaseJourneyUrl").GetString()!;
        Assert.StartsWith(app.Emulator.Root.AbsoluteUri + "sandbox/klarna/journey/", journeyUrl, StringComparison.Ordinal);
        Assert.EndsWith($"/on-demand/charges/{chargeId}/return", charge.GetProperty("returnUrl").GetString(), StringComparison.Ordinal);

        using var shopper = Shopper.Start(app);
        await shopper.SimulateJourneyAsync(RidesMerchant.JourneyId(journeyUrl), "approve");
        var settled = await merchant.WaitForSettledAsync(chargeId);

        Assert.Equal("approved", settled.GetProperty("status").GetString());
        Assert.StartsWith("krn:payment:", settled.GetProperty("paymentTransactionId").GetString(), StringComparison.Ordinal);
        var page = await shopper.GetAsync($"on-demand/charges/{chargeId}/return");
        Assert.Contains("data-status=\"approved\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_up_the_shopper_is_declined_in_ends_declined()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 2042), NewKey());

        using var shopper = Shopper.Start(app);
        await shopper.SimulateJourneyAsync(RidesMerchant.JourneyId(charge.GetProperty("purchaseJourneyUrl").GetString()!), "approve", "customer+us+denied@klarna.com");
        var settled = await merchant.WaitForSettledAsync(charge.GetProperty("chargeId").GetGuid());

        Assert.Equal("declined", settled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_ride_ending_in_13_is_declined_with_klarnas_reason()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1513), NewKey());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("declined", charge.GetProperty("status").GetString());
        Assert.Contains("TEST_AMOUNT_ENDS_IN_13", charge.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_shopper_revoked_is_reported_as_revoked()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        await KlarnaTokens.RevokeAsync(app, customer);
        using var merchant = new RidesMerchant(app);

        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), NewKey());

        Assert.Equal("token_revoked", charge.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_charge_and_one_payment()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var key = NewKey();

        var (first, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), key);
        var (again, replay) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), key);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(charge.GetProperty("chargeId").GetGuid(), replay.GetProperty("chargeId").GetGuid());
        Assert.Equal(charge.GetProperty("paymentId").GetString(), replay.GetProperty("paymentId").GetString());
        Assert.Equal(1, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task The_same_key_for_another_ride_is_refused()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var key = NewKey();

        await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), key);
        var (status, problem) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1600), key);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_charge_once()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var key = NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), key)));

        // A duplicate that arrives while the first is at the acquirer is told so (409, the same charge id), never charged.
        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, answer.Body.ToString()));
        // Only the request that stored the ride can answer 201, and it too may find the acquirer busy with a duplicate.
        Assert.InRange(answers.Count(answer => answer.Status == HttpStatusCode.Created), 0, 1);
        Assert.Single(answers.Select(answer => answer.Body.GetProperty("chargeId").GetGuid()).Distinct());
        var (_, again) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), key);
        Assert.All(
            answers.Where(answer => answer.Status != HttpStatusCode.Conflict),
            answer => Assert.Equal(again.GetProperty("paymentId").GetString(), answer.Body.GetProperty("paymentId").GetString()));
        Assert.Equal("approved", again.GetProperty("status").GetString());
        Assert.Equal(1, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task A_subscription_token_cannot_be_charged_for_a_ride()
    {
        var subscriber = await RidesMerchant.SignUpRiderAsync(app, "premium-monthly");
        using var merchant = new RidesMerchant(app);

        var (status, problem) = await merchant.ChargeAsync(RidesMerchant.Ride(subscriber, 1500), NewKey());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("payment:customer_present", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ChargesOfAsync(subscriber));
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        using var merchant = new RidesMerchant(app);

        var (status, _) = await merchant.ChargeAsync(RidesMerchant.Ride(Guid.NewGuid(), 1500), NewKey());

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("""{"amount": 1500, "currency": "USD", "rideReference": "r1"}""", "customerId")]
    [InlineData("""{"customerId": "00000000-0000-0000-0000-000000000001", "amount": 0, "currency": "USD", "rideReference": "r1"}""", "amount")]
    [InlineData("""{"customerId": "00000000-0000-0000-0000-000000000001", "amount": "15.00", "currency": "USD", "rideReference": "r1"}""", "amount")]
    [InlineData("""{"customerId": "00000000-0000-0000-0000-000000000001", "amount": 1500, "currency": "usd", "rideReference": "r1"}""", "currency")]
    [InlineData("""{"customerId": "00000000-0000-0000-0000-000000000001", "amount": 1500, "currency": "USD"}""", "rideReference")]
    [InlineData("""[1500]""", "body")]
    public async Task A_bad_field_is_named_in_a_400(string body, string field)
    {
        using var merchant = new RidesMerchant(app);

        var (status, problem) = await merchant.ChargeAsync(JsonDocument.Parse(body).RootElement, NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_ride_without_an_idempotency_key_is_refused_and_charges_nothing()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, problem) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task Without_the_api_key_nothing_is_charged_or_read()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var anonymous = new RidesMerchant(app, apiKey: null);
        using var wrong = new RidesMerchant(app, apiKey: "rides-merchant-test-key-0123456789abcdeX");

        var (missing, _) = await anonymous.ChargeAsync(RidesMerchant.Ride(customer, 1500), NewKey());
        var (mismatched, _) = await wrong.ChargeAsync(RidesMerchant.Ride(customer, 1500), NewKey());
        var (read, _) = await anonymous.ReadAsync(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, mismatched);
        Assert.Equal(HttpStatusCode.Unauthorized, read);
        Assert.Equal(0, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task Every_configured_key_is_accepted_so_the_merchant_can_rotate_its_key()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var current = new RidesMerchant(app);
        using var next = new RidesMerchant(app, apiKey: RidesMerchant.NextApiKey);

        var (first, _) = await current.ChargeAsync(RidesMerchant.Ride(customer, 1500, "ride-rotation-1"), NewKey());
        var (second, _) = await next.ChargeAsync(RidesMerchant.Ride(customer, 1600, "ride-rotation-2"), NewKey());

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.Created, second);
        Assert.Equal(2, await ChargesOfAsync(customer));
    }

    [Fact]
    public async Task A_refused_key_is_answered_with_a_bearer_challenge_and_a_problem()
    {
        app.EnsureStarted();
        using var http = new HttpClient { BaseAddress = app.RootUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/on-demand/charges/{Guid.NewGuid()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "rides-merchant-test-key-0123456789abcdeX");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(299, "amount must be at least 300 (3.00 USD), the plan's on-demand minimum per charge.")]
    [InlineData(9001, "amount must be at most 9000 (90.00 USD), the plan's on-demand maximum per charge")]
    [InlineData(9223372036854775807, "amount must be at most 9000 (90.00 USD), the plan's on-demand maximum per charge")]
    [InlineData(8001, "amount must be at most 8000 (80.00 USD), the shop's ceiling per ride (OnDemand:MaxChargeMinorUnits).")]
    public async Task A_ride_outside_the_plans_bounds_or_the_shops_ceiling_is_refused_naming_the_bound_and_charges_nothing(long amount, string detail)
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, problem) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, amount), NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(detail, problem.GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ChargesOfAsync(customer));
    }

    private static string NewKey() => $"ride-key-{Guid.NewGuid():N}";

    private async Task<int> ChargesOfAsync(Guid customer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().OnDemandCharges.CountAsync(c => c.CustomerId == customer);
    }
}
