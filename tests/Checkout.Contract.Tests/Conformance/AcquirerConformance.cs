namespace Checkout.Contract.Tests.Conformance;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Contract.Tests.Resilience;
using Checkout.Contract.Tests.TokenCharge;
using Checkout.Contract.Tests.Upstream;
using Checkout.Domain.Pricing;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

/// <summary>
/// What every acquirer adapter must do, against an independent fake of its API (WireMock.Net): a new adapter gets the
/// whole suite by deriving one class that says where its calls go and how its acquirer answers (docs/acquirers.md).
/// Each behaviour runs for each operation (first charge, token charge, customer-present charge); an operation the
/// acquirer cannot do must be refused before any call, naming the limitation.
/// </summary>
public abstract class AcquirerConformance(FakeUpstream upstream) : IAsyncLifetime
{
    /// <summary>An answer of the acquirer, in its own wire shape.</summary>
    protected sealed record Answer(int Status, string Body);

    protected const string PaymentId = AcquirerConformanceIds.PaymentId;
    protected const string JourneyUrl = AcquirerConformanceIds.JourneyUrl;
    protected const string DeclineReason = "DECLINED";

    /// <summary>The pipeline's first attempt and its 3 retries.</summary>
    private const int AllAttempts = 4;

    private static readonly Uri RideReturnUrl = new("https://shop.example/on-demand/charges/5d1f0c2a-9b8e-4f7d-8c6b-5a4938271605/return");

    public static TheoryData<AcquirerOperation> Operations => new(Enum.GetValues<AcquirerOperation>());

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // What the deriving adapter says about itself.

    /// <summary>The app's settings that select this adapter (<c>Acquirer:Kind</c>, <c>Klarna:Flow</c>).</summary>
    protected abstract AcquirerKind Kind { get; }

    protected virtual IDictionary<string, string?>? Settings => null;

    protected abstract string IdempotencyKeyHeader { get; }

    /// <summary>Where the operation's call goes on the acquirer's API.</summary>
    protected abstract string PathOf(AcquirerOperation operation);

    /// <summary>Why this acquirer cannot do <paramref name="operation"/> (a phrase its refusal names), or null when it can.</summary>
    protected virtual string? CannotDo(AcquirerOperation operation) => null;

    protected abstract Answer Approved(AcquirerOperation operation);

    protected abstract Answer Declined(AcquirerOperation operation);

    /// <summary>The acquirer refusing the request itself (a field it rejects), not the shopper's payment.</summary>
    protected abstract Answer Refusal(AcquirerOperation operation);

    /// <summary>The token charges' decline because the shopper revoked the token; needed only where token charges can be made.</summary>
    protected virtual Answer Revoked(AcquirerOperation operation) => throw new InvalidOperationException($"{GetType().Name} says how its acquirer answers a revoked token.");

    /// <summary>
    /// A customer-present charge Klarna wants the shopper to approve (payment <see cref="PaymentId"/>, journey
    /// <see cref="JourneyUrl"/>), wrapped as the acquirer does; needed only where rides can be charged.
    /// </summary>
    protected virtual Answer StepUp() => throw new InvalidOperationException($"{GetType().Name} says how its acquirer answers a step-up.");

    /// <summary>The exception a first charge's refusal is reported with: what that operation's caller handles.</summary>
    protected virtual Type FirstChargeRefusal => typeof(AcquirerUnavailableException);

    /// <summary>Whether the acquirer's API can be asked for a stepped-up ride's answer (a callback that never came).</summary>
    protected virtual bool ReadsRides => false;

    /// <summary>The adapters the app's registration resolves under <see cref="Settings"/>.</summary>
    protected abstract Type FirstChargeAdapter { get; }

    protected abstract Type TokenChargeAdapter { get; }

    protected abstract Type CustomerPresentChargeAdapter { get; }

    /// <summary>The adapter's first charge, through the app's registration: the direct flow's <see cref="IAcquirer"/> by default.</summary>
    protected virtual async Task<Outcome> FirstChargeAsync(IServiceProvider services, string key)
    {
        var result = await services.GetRequiredService<IAcquirer>().AuthorizeAsync(EffectfulCall.FirstCharge(key), CancellationToken.None);
        return new(result.Status switch
        {
            AuthorizationStatus.Approved => OutcomeKind.Approved,
            AuthorizationStatus.Declined => OutcomeKind.Declined,
            _ => OutcomeKind.Pending,
        }, result.PaymentId, null);
    }

    /// <summary>The stored token the sign-up kept for this adapter: Klarna's, or the acquirer's token id.</summary>
    protected virtual string StoredToken => Renewal.KlarnaToken;

    [Fact]
    public async Task The_apps_settings_select_this_adapter_for_every_operation()
    {
        await using var services = Services();

        Assert.IsType(TokenChargeAdapter, services.GetRequiredService<ITokenCharger>());
        Assert.IsType(CustomerPresentChargeAdapter, services.GetRequiredService<ICustomerPresentCharger>());
        Assert.IsType(FirstChargeAdapter, services.GetRequiredService(FirstChargeAdapter == typeof(PartnerPaymentsClient) ? typeof(PartnerPaymentsClient) : typeof(IAcquirer)));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_approval_carries_the_acquirers_payment_id_and_the_callers_key(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        Stub(operation, Approved(operation));
        var key = NewKey();

        var outcome = await InvokeAsync(operation, key);

        Assert.Equal(OutcomeKind.Approved, outcome.Kind);
        Assert.False(string.IsNullOrEmpty(outcome.PaymentId));
        var sent = Assert.Single(upstream.Received(PathOf(operation)));
        Assert.Equal(key, sent.Header(IdempotencyKeyHeader));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_decline_is_a_decline_with_the_acquirers_reason_not_an_error(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        Stub(operation, Declined(operation));

        var outcome = await InvokeAsync(operation, NewKey());

        Assert.Equal(OutcomeKind.Declined, outcome.Kind);
        Assert.False(string.IsNullOrEmpty(outcome.PaymentId));
        if (operation != AcquirerOperation.FirstCharge)
        {
            Assert.Contains(DeclineReason, outcome.Reason, StringComparison.Ordinal);
        }
        Assert.Single(upstream.Received(PathOf(operation)));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_refusal_of_the_request_is_an_error_never_a_decline_and_is_sent_once(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        Stub(operation, Refusal(operation));

        var failure = await Record.ExceptionAsync(() => InvokeAsync(operation, NewKey()));

        Assert.IsType(operation == AcquirerOperation.FirstCharge ? FirstChargeRefusal : typeof(AcquirerRejectedException), failure);
        Assert.Single(upstream.Received(PathOf(operation)));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_lost_answer_is_asked_again_under_the_same_key_and_the_acquirers_first_answer_stands(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        Post(operation).InScenario("lost").WillSetStateTo("answered").RespondWith(BrokenConnection.ResetByPeer());
        var approved = Approved(operation);
        Post(operation).InScenario("lost").WhenStateIs("answered").RespondWith(Reply.Json(approved.Status, approved.Body));
        var key = NewKey();

        var outcome = await InvokeAsync(operation, key);

        Assert.Equal(OutcomeKind.Approved, outcome.Kind);
        // At least the lost attempt and the one answered; a busy machine may add one, under the same key.
        var attempts = await upstream.ReceivedAsync(PathOf(operation), 2);
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempt(s) reached the acquirer.");
        Assert.All(attempts, attempt => Assert.Equal(key, attempt.Header(IdempotencyKeyHeader)));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_answer_slower_than_the_timeout_is_unknown_never_a_decline_and_every_attempt_has_the_same_key(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        var approved = Approved(operation);
        using var slow = new SlowUpstream();
        Post(operation, slow.Server).RespondWith(Reply.Json(approved.Status, approved.Body).WithDelay(SlowUpstream.Answer));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(operation, key, slow));

        Assert.IsType<AcquirerUnavailableException>(failure);
        Assert.Equal(Enumerable.Repeat(key, AllAttempts), slow.Sent.KeysSentTo(PathOf(operation), IdempotencyKeyHeader));
    }

    [Theory]
    [InlineData(AcquirerOperation.TokenCharge)]
    [InlineData(AcquirerOperation.CustomerPresentCharge)]
    public async Task A_revoked_token_is_reported_as_revoked_not_as_a_decline(AcquirerOperation operation)
    {
        if (await RefusedWhenImpossibleAsync(operation))
        {
            return;
        }
        Stub(operation, Revoked(operation));

        var outcome = await InvokeAsync(operation, NewKey());

        Assert.Equal(OutcomeKind.TokenRevoked, outcome.Kind);
    }

    [Fact]
    public async Task A_step_up_hands_back_klarnas_journey_unwrapped_and_is_read_where_the_acquirer_can_be_asked()
    {
        if (await RefusedWhenImpossibleAsync(AcquirerOperation.CustomerPresentCharge))
        {
            return;
        }
        Stub(AcquirerOperation.CustomerPresentCharge, StepUp());
        var stepUp = StepUp();
        upstream.Given(Request.Create().WithPath($"{PathOf(AcquirerOperation.CustomerPresentCharge)}/{PaymentId}").UsingGet())
            .RespondWith(Reply.Json(stepUp.Status == 201 ? 200 : stepUp.Status, stepUp.Body));

        var outcome = await InvokeAsync(AcquirerOperation.CustomerPresentCharge, NewKey());

        Assert.Equal(OutcomeKind.StepUp, outcome.Kind);
        Assert.Equal(PaymentId, outcome.PaymentId);
        Assert.Equal(JourneyUrl, outcome.Reason);
        await using var services = Services();
        var read = await services.GetRequiredService<ICustomerPresentCharger>().ReadAsync(outcome.PaymentId!, CancellationToken.None);
        if (ReadsRides)
        {
            Assert.Equal(CustomerPresentChargeStatus.StepUpRequired, read?.Status);
            Assert.Single(upstream.Received($"{PathOf(AcquirerOperation.CustomerPresentCharge)}/{PaymentId}"));
        }
        else
        {
            Assert.Null(read);
        }
    }

    /// <summary>
    /// When the acquirer cannot do <paramref name="operation"/>: proves the refusal (before any call, naming why, without the
    /// token) and returns true, so the behaviour's own checks are not run.
    /// </summary>
    private async Task<bool> RefusedWhenImpossibleAsync(AcquirerOperation operation)
    {
        if (CannotDo(operation) is not { } limitation)
        {
            return false;
        }
        var failure = await Assert.ThrowsAsync<AcquirerRejectedException>(() => InvokeAsync(operation, NewKey()));
        Assert.Contains(limitation, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StoredToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(upstream.LogEntries);
        return true;
    }

    private ServiceProvider Services() => OutboundClientHost.Create(upstream.BaseAddress, Kind, overrides: Settings);

    private async Task<Outcome> InvokeAsync(AcquirerOperation operation, string key, SlowUpstream? slow = null)
    {
        await using var services = slow?.Clients(Kind, Settings) ?? Services();
        return operation switch
        {
            AcquirerOperation.FirstCharge => await FirstChargeAsync(services, key),
            AcquirerOperation.TokenCharge => Outcome.Of(
                await services.GetRequiredService<ITokenCharger>().ChargeAsync(Renewal.Request(StoredToken, key), CancellationToken.None)),
            _ => Outcome.Of(await services.GetRequiredService<ICustomerPresentCharger>().ChargeAsync(
                new CustomerPresentChargeRequest("ride-5d1f0c2a9b8e4f7d8c6b5a4938271605", Money.Of(1542, "USD"), StoredToken, key, RideReturnUrl),
                CancellationToken.None)),
        };
    }

    private void Stub(AcquirerOperation operation, Answer answer) => Post(operation).RespondWith(Reply.Json(answer.Status, answer.Body));

    private global::WireMock.Server.IRespondWithAProvider Post(AcquirerOperation operation, FakeUpstream? on = null) =>
        (on ?? upstream).Given(Request.Create().WithPath(PathOf(operation)).UsingPost());

    private static string NewKey() => $"conformance-{Guid.NewGuid():N}";
}

public enum AcquirerOperation
{
    /// <summary>The sign-up's first charge, with the session token of the shopper's journey.</summary>
    FirstCharge,

    /// <summary>A renewal on the stored token, customer not present.</summary>
    TokenCharge,

    /// <summary>A ride on the stored token, customer present: approved, declined, or stepped up through Klarna's journey.</summary>
    CustomerPresentCharge,
}

public enum OutcomeKind
{
    Approved,
    Declined,
    TokenRevoked,
    StepUp,
    Pending,
}

/// <summary>Any operation's answer, as the suite compares them; <see cref="Reason"/> is the decline's reason, or a step-up's journey.</summary>
public sealed record Outcome(OutcomeKind Kind, string? PaymentId, string? Reason)
{
    public static Outcome Of(TokenChargeResult result) => new(result.Status switch
    {
        TokenChargeStatus.Approved => OutcomeKind.Approved,
        TokenChargeStatus.TokenRevoked => OutcomeKind.TokenRevoked,
        _ => OutcomeKind.Declined,
    }, result.PaymentId, result.Reason);

    public static Outcome Of(CustomerPresentChargeResult result) => result.Status switch
    {
        CustomerPresentChargeStatus.Approved => new(OutcomeKind.Approved, result.PaymentId, null),
        CustomerPresentChargeStatus.StepUpRequired => new(OutcomeKind.StepUp, result.PaymentId, result.PurchaseJourneyUrl),
        CustomerPresentChargeStatus.TokenRevoked => new(OutcomeKind.TokenRevoked, result.PaymentId, result.Reason),
        _ => new(OutcomeKind.Declined, result.PaymentId, result.Reason),
    };
}
