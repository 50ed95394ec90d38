namespace Checkout.Contract.Tests.Resilience;

using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using global::WireMock.RequestBuilders;
using global::WireMock.ResponseBuilders;

/// <summary>
/// Every effectful client through the app's resilience pipeline against faults served by WireMock.Net. Its
/// log is the witness: how many attempts reached the server, and that they all carried one idempotency key (for
/// attempts that time out, what the client sent: see <see cref="SlowUpstream"/>).
/// </summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class FaultTests(FakeUpstream upstream) : IAsyncLifetime
{
    /// <summary>The pipeline's 3 retries after the first attempt.</summary>
    private const int AllAttempts = 4;

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task Server_error_then_success_is_retried_with_the_same_idempotency_key(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).InScenario("flaky").WillSetStateTo("recovered").RespondWith(Reply.Status(503));
        Post(call).InScenario("flaky").WhenStateIs("recovered").RespondWith(Success(call));
        var key = NewKey();

        var id = await InvokeAsync(call, key);

        Assert.Equal(call.SuccessId, id);
        await AssertAttemptsAsync(call, 2, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task Timed_out_attempts_are_retried_with_the_same_idempotency_key_then_reported_as_transient(string name)
    {
        var call = EffectfulCall.Named(name);
        using var slow = new SlowUpstream();
        Post(call, slow.Server).RespondWith(Success(call).WithDelay(SlowUpstream.Answer));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key, slow));

        Assert.NotNull(failure);
        Assert.True(call.IsTransientFailure(failure), $"{call.Name} failed with {failure}");
        Assert.Equal(Enumerable.Repeat(key, AllAttempts), slow.Sent.KeysSentTo(call.Path, call.IdempotencyHeader));
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task Too_many_requests_is_retried_after_the_Retry_After_it_asks_for(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).InScenario("throttled").WillSetStateTo("open").RespondWith(Reply.Status(429, ("Retry-After", "1")));
        Post(call).InScenario("throttled").WhenStateIs("open").RespondWith(Success(call));
        var key = NewKey();

        var id = await InvokeAsync(call, key);

        Assert.Equal(call.SuccessId, id);
        var attempts = await AssertAttemptsAsync(call, 2, key);
        // A lower bound, not a speed check: without Retry-After the first back-off is at most about 275 ms.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"The retry came {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalMilliseconds} ms after the 429.");
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_connection_reset_by_peer_is_retried_then_reported_as_transient_never_as_success(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).RespondWith(BrokenConnection.ResetByPeer());
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.NotNull(failure);
        Assert.True(call.IsTransientFailure(failure), $"{call.Name} failed with {failure}");
        await AssertAttemptsAsync(call, AllAttempts, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_body_that_stalls_after_the_headers_is_retried_then_reported_as_transient_never_as_success(string name)
    {
        var call = EffectfulCall.Named(name);
        using var slow = new SlowUpstream();
        Post(call, slow.Server).RespondWith(BrokenConnection.StalledMidBody(call.SuccessStatus, Sample.Text(call.SuccessSample), SlowUpstream.Answer));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key, slow));

        Assert.NotNull(failure);
        Assert.True(call.IsTransientFailure(failure), $"{call.Name} failed with {failure}");
        Assert.Equal(Enumerable.Repeat(key, AllAttempts), slow.Sent.KeysSentTo(call.Path, call.IdempotencyHeader));
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_success_status_with_an_empty_body_is_a_clear_error_and_not_retried(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).RespondWith(Success(call).WithFault(FaultType.EMPTY_RESPONSE));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.IsAssignableFrom(call.EmptyBodyException, failure);
        await AssertAttemptsAsync(call, 1, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_success_status_with_a_body_cut_short_by_random_bytes_is_a_clear_error_and_not_retried(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).RespondWith(Success(call).WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.IsAssignableFrom(call.MalformedBodyException, failure);
        await AssertAttemptsAsync(call, 1, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_success_status_with_malformed_json_is_a_clear_error_and_not_retried(string name)
    {
        var call = EffectfulCall.Named(name);
        Post(call).RespondWith(Reply.Json(call.SuccessStatus, """{"status": "completed", "payment_id": """));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.IsAssignableFrom(call.MalformedBodyException, failure);
        await AssertAttemptsAsync(call, 1, key);
    }

    private global::WireMock.Server.IRespondWithAProvider Post(EffectfulCall call, FakeUpstream? on = null) =>
        (on ?? upstream).Given(Request.Create().WithPath(call.Path).UsingPost());

    private static IResponseBuilder Success(EffectfulCall call) => Reply.Json(call.SuccessStatus, Sample.Text(call.SuccessSample));

    private async Task<string> InvokeAsync(EffectfulCall call, string key, SlowUpstream? slow = null)
    {
        await using var services = slow?.Clients(call.Kind) ?? OutboundClientHost.Create(upstream.BaseAddress, call.Kind);
        return await call.Invoke(services, key);
    }

    private async Task<IReadOnlyList<ReceivedRequest>> AssertAttemptsAsync(EffectfulCall call, int expected, string key)
    {
        var attempts = await upstream.ReceivedAsync(call.Path, expected);
        Assert.Equal(expected, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(key, a.Header(call.IdempotencyHeader)));
        return attempts;
    }

    private static string NewKey() => $"order-{Guid.NewGuid():N}-first-charge";
}
