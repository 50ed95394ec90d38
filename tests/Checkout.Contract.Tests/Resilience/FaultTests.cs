namespace Checkout.Contract.Tests.Resilience;

using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.WireMock;

/// <summary>
/// Every effectful client through the app's resilience pipeline against WireMock's faults. The journal is the
/// witness: how many attempts reached the server, and that they all carried one idempotency key.
/// </summary>
[Collection(SharedWireMock.Name)]
public sealed class FaultTests(WireMockServer wireMock) : IAsyncLifetime
{
    /// <summary>The pipeline's 3 retries after the first attempt.</summary>
    private const int AllAttempts = 4;

    /// <summary>How long the slow stub takes to answer: longer than every attempt's timeout.</summary>
    private const int SlowAnswerMs = 10_000;

    public Task InitializeAsync() => wireMock.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task Server_error_then_success_is_retried_with_the_same_idempotency_key(string name)
    {
        var call = EffectfulCall.Named(name);
        await wireMock.StubAsync(Stub.Status("POST", call.Path, 503).InScenario("flaky", Stub.Started, "recovered"));
        await wireMock.StubAsync(Stub.Json("POST", call.Path, call.SuccessStatus, Sample.Text(call.SuccessSample)).InScenario("flaky", "recovered"));
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
        await wireMock.StubAsync(Stub.Json("POST", call.Path, call.SuccessStatus, Sample.Text(call.SuccessSample)).Delayed(SlowAnswerMs));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key, TimeSpan.FromMilliseconds(500)));

        Assert.NotNull(failure);
        Assert.True(call.IsTransientFailure(failure), $"{call.Name} failed with {failure}");
        await AssertAttemptsAsync(call, AllAttempts, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task Too_many_requests_is_retried_after_the_Retry_After_it_asks_for(string name)
    {
        var call = EffectfulCall.Named(name);
        await wireMock.StubAsync(Stub.Status("POST", call.Path, 429, ("Retry-After", "1")).InScenario("throttled", Stub.Started, "open"));
        await wireMock.StubAsync(Stub.Json("POST", call.Path, call.SuccessStatus, Sample.Text(call.SuccessSample)).InScenario("throttled", "open"));
        var key = NewKey();

        var id = await InvokeAsync(call, key);

        Assert.Equal(call.SuccessId, id);
        var attempts = await AssertAttemptsAsync(call, 2, key);
        // A lower bound, not a speed check: without Retry-After the first back-off is at most about 275 ms.
        Assert.True(attempts[1].LoggedAt - attempts[0].LoggedAt >= TimeSpan.FromMilliseconds(900),
            $"The retry came {(attempts[1].LoggedAt - attempts[0].LoggedAt).TotalMilliseconds} ms after the 429.");
    }

    public static TheoryData<string, string> CallsAndFaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in EffectfulCall.AllNames)
        {
            foreach (var fault in new[] { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK" })
            {
                data.Add(call, fault);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CallsAndFaults))]
    public async Task A_broken_connection_is_retried_then_reported_as_transient_never_as_success(string name, string fault)
    {
        var call = EffectfulCall.Named(name);
        await wireMock.StubAsync(Stub.Fault("POST", call.Path, fault));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.NotNull(failure);
        Assert.True(call.IsTransientFailure(failure), $"{call.Name} failed with {failure}");
        await AssertAttemptsAsync(call, AllAttempts, key);
    }

    [Theory]
    [MemberData(nameof(EffectfulCall.Names), MemberType = typeof(EffectfulCall))]
    public async Task A_success_status_with_malformed_json_is_a_clear_error_and_not_retried(string name)
    {
        var call = EffectfulCall.Named(name);
        await wireMock.StubAsync(Stub.Json("POST", call.Path, call.SuccessStatus, """{"status": "completed", "payment_id": """));
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => InvokeAsync(call, key));

        Assert.IsAssignableFrom(call.MalformedBodyException, failure);
        await AssertAttemptsAsync(call, 1, key);
    }

    private async Task<string> InvokeAsync(EffectfulCall call, string key, TimeSpan? attemptTimeout = null)
    {
        await using var services = OutboundClientHost.Create(wireMock.BaseAddress, call.Kind, attemptTimeout);
        return await call.Invoke(services, key);
    }

    private async Task<IReadOnlyList<ReceivedRequest>> AssertAttemptsAsync(EffectfulCall call, int expected, string key)
    {
        // WireMock may journal an attempt the client gave up on only once the slow stub has answered it (a
        // loaded machine showed it): wait, within that bound, for the journal to catch up before counting.
        var deadline = DateTime.UtcNow.AddMilliseconds(SlowAnswerMs + 2_000);
        var attempts = await wireMock.ReceivedAsync(call.Path);
        while (attempts.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            attempts = await wireMock.ReceivedAsync(call.Path);
        }
        Assert.Equal(expected, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(key, a.Header(call.IdempotencyHeader)));
        return attempts;
    }

    private static string NewKey() => $"order-{Guid.NewGuid():N}-first-charge";
}
