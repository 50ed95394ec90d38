namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Domain.Tokens;
using Checkout.Sandbox;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Subscriptions;
using Checkout.Web.TestClock;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The test clock: "a month later" is a button in the operator's view, moving the app's and the emulator's clocks and renewing what came due.</summary>
public sealed class TestClockTests : IDisposable
{
    private readonly TokenChargeLedger _ledger = new();
    private readonly CheckoutAppFactory _app;
    private readonly OperatorClient _operator;

    public TestClockTests()
    {
        var charger = new RecordingTokenCharger(_ledger);
        CheckoutAppFactory app = null!;
        app = CheckoutAppFactory.With(
            null,
            0,
            new Dictionary<string, string?>
            {
                ["Admin:Key"] = OperatorClient.Key,
                ["TestClock:Enabled"] = "true",
                ["Renewals:PollInterval"] = "01:00:00",
            },
            services =>
            {
                services.AddSingleton<ITokenCharger>(charger);
                // The emulator shares a busy machine with every other test: its answer may take longer than in use.
                services.AddHttpClient(TestClockActions.HttpClientName, c => c.Timeout = Eventually.DefaultBound);
                // The test's own emulator, not the one Development points at.
                services.PostConfigure<TestClockSettings>(o => o.EmulatorClockUrl = new Uri(app.Emulator.Root, "sandbox/clock/advance").AbsoluteUri);
            });
        _app = app;
        _app.EnsureStarted();
        _operator = new OperatorClient(_app);
    }

    [Fact]
    public async Task Advance_one_month_moves_both_clocks_and_renews_the_subscription_once()
    {
        var clock = Assert.IsType<AdjustableClock>(_app.Services.GetRequiredService<TimeProvider>());
        var subscription = await SignUpAsync(clock.GetUtcNow());
        var key = RenewalCharge.KeyFor(subscription.Id, 2);
        using var signedIn = await _operator.SignInAsync();
        Assert.Contains("Advance 1 month", await _operator.PageAsync("/admin"), StringComparison.Ordinal);

        using var advanced = await _operator.PostFormAsync("/admin", "?handler=Advance", new Dictionary<string, string> { ["by"] = "1m" });

        Assert.Equal(HttpStatusCode.Redirect, advanced.StatusCode);
        Assert.Equal("/admin", advanced.Headers.Location!.OriginalString);
        Assert.InRange(clock.Offset, TimeSpan.FromDays(28), TimeSpan.FromDays(31));
        var emulatorClock = Assert.IsType<SandboxClock>(_app.Emulator.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(clock.Offset, emulatorClock.Offset);
        var page = await _operator.PageAsync("/admin");
        Assert.Contains("the emulator&#x27;s clock: advanced", page, StringComparison.Ordinal);
        Assert.Equal([key + "-attempt-1"], _ledger.KeysFor(key));
        var renewed = await FindAsync(subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 2), (renewed.Status, renewed.CurrentPeriodNumber));
        var detail = await _operator.PageAsync($"/admin/subscriptions/{subscription.Id:N}");
        Assert.Contains("<dd data-field=\"period\">2</dd>", detail, StringComparison.Ordinal);
        Assert.Contains("<td>Approved</td>", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advance_one_day_and_seven_days_move_the_clock_and_charge_nothing_not_yet_due()
    {
        var clock = Assert.IsType<AdjustableClock>(_app.Services.GetRequiredService<TimeProvider>());
        await SignUpAsync(clock.GetUtcNow());
        using var signedIn = await _operator.SignInAsync();

        using (await _operator.PostFormAsync("/admin", "?handler=Advance", new Dictionary<string, string> { ["by"] = "1d" }))
        {
            Assert.Equal(TimeSpan.FromDays(1), clock.Offset);
        }
        using (await _operator.PostFormAsync("/admin", "?handler=Advance", new Dictionary<string, string> { ["by"] = "7d" }))
        {
            Assert.Equal(TimeSpan.FromDays(8), clock.Offset);
        }

        Assert.Empty(_ledger.Calls);
    }

    [Fact]
    public async Task Without_the_test_clock_the_view_has_no_clock_and_advancing_is_not_found()
    {
        using var app = CheckoutAppFactory.With(
            null, 0, new Dictionary<string, string?> { ["Admin:Key"] = OperatorClient.Key, ["TestClock:Enabled"] = "false" }, null);
        using var operatorClient = new OperatorClient(app);
        using var signedIn = await operatorClient.SignInAsync();
        var page = await operatorClient.PageAsync("/admin");
        Assert.DoesNotContain("Advance 1 month", page, StringComparison.Ordinal);

        using var response = await operatorClient.Http.PostAsync(
            "/admin?handler=Advance",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["by"] = "1m", ["__RequestVerificationToken"] = OperatorClient.TokenIn(page) }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.IsNotType<AdjustableClock>(app.Services.GetRequiredService<TimeProvider>());
    }

    private async Task<Subscription> SignUpAsync(DateTimeOffset at)
    {
        var plan = CheckoutAppFactory.TestCatalog.Find("premium-monthly")!;
        var id = Guid.NewGuid();
        var subscription = Subscription.Start(new SignUp(id, plan.Id, plan.DueNow, at), plan);
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>()
            .SaveAsync(id, plan.TokenScope, new CustomerToken($"krn:test:customer-token:{id:N}", id.ToString("N")), CancellationToken.None);
        Assert.True(await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().TryAddAsync(subscription, CancellationToken.None));
        return subscription;
    }

    private async Task<Subscription> FindAsync(Guid id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().FindAsync(id, CancellationToken.None))!;
    }

    public void Dispose()
    {
        _operator.Dispose();
        _app.Dispose();
    }
}
