namespace Checkout.Benchmarks.Renewals;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Checkout.Benchmarks.Load;

/// <summary>
/// How many times each due subscription was charged, counted on both sides: in the app's database (approved attempts,
/// the periods they paid, subscriptions with none, attempts of any other outcome, charges left in flight) and at the
/// emulator (the charges Klarna's side approved, by their payment transaction reference).
/// </summary>
public sealed record ChargeCounts(
    long Subscriptions,
    long ApprovedAttempts,
    long ChargedPeriods,
    long ChargedSubscriptions,
    long Missed,
    long OtherAttempts,
    long InFlight,
    long EmulatorApproved,
    long EmulatorReferences,
    long EmulatorReferencesChargedMoreThanOnce,
    long EmulatorDeclined)
{
    private const string Approved = "\"Result\" = 'Approved'";

    /// <summary>Every subscription charged once for one period, on both sides, and nothing else.</summary>
    public bool ExactlyOnce =>
        ApprovedAttempts == Subscriptions && ChargedPeriods == Subscriptions && ChargedSubscriptions == Subscriptions && Missed == 0
        && OtherAttempts == 0 && InFlight == 0
        && EmulatorApproved == Subscriptions && EmulatorReferences == Subscriptions && EmulatorReferencesChargedMoreThanOnce == 0 && EmulatorDeclined == 0;

    public static Task<long> ApprovedAttemptsAsync(CheckoutApp app) => app.CountAsync("RenewalAttempts", Approved);

    public static async Task<ChargeCounts> ReadAsync(CheckoutApp app)
    {
        using var http = new HttpClient { BaseAddress = app.SandboxRoot };
        var ledger = await http.GetFromJsonAsync<JsonElement>(new Uri("sandbox/klarna/token-charges", UriKind.Relative));
        long Ledger(string name) => ledger.GetProperty(name).GetInt64();
        return new ChargeCounts(
            await app.CountAsync("Subscriptions"),
            await ApprovedAttemptsAsync(app),
            await app.ScalarAsync($"SELECT COUNT(*) FROM (SELECT DISTINCT \"SubscriptionId\", \"PeriodNumber\" FROM \"RenewalAttempts\" WHERE {Approved}) AS charged"),
            await app.ScalarAsync($"SELECT COUNT(DISTINCT \"SubscriptionId\") FROM \"RenewalAttempts\" WHERE {Approved}"),
            await app.CountAsync("Subscriptions", $"NOT EXISTS (SELECT 1 FROM \"RenewalAttempts\" a WHERE a.\"SubscriptionId\" = \"Subscriptions\".\"Id\" AND a.{Approved})"),
            await app.CountAsync("RenewalAttempts", $"NOT ({Approved})"),
            await app.CountAsync("SubscriptionRenewals", "\"InFlightKey\" IS NOT NULL"),
            Ledger("approved"),
            Ledger("references"),
            Ledger("references_charged_more_than_once"),
            Ledger("declined"));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"database: {Subscriptions} subscriptions, {ApprovedAttempts} approved attempts for {ChargedPeriods} periods of {ChargedSubscriptions} subscriptions, "
        + $"{Missed} never charged, {OtherAttempts} attempts of another outcome, {InFlight} charges left in flight; "
        + $"emulator: {EmulatorApproved} charges approved for {EmulatorReferences} distinct references, {EmulatorReferencesChargedMoreThanOnce} references charged more than once, {EmulatorDeclined} declined");
}
