namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;

/// <summary>Sign-ups for the catalog's plans, and answers to the attempts they come to owe.</summary>
internal static class SignUps
{
    public static readonly Plan Monthly = TestPlans.Find("premium-monthly");

    public static readonly Plan Trial = TestPlans.Find("family-trial");

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public static Subscription Start(Plan plan, DateTimeOffset at) =>
        Subscription.Start(new SignUp(Guid.NewGuid(), plan.Id, plan.DueNow, at), plan);

    /// <summary>Makes the attempt due at <paramref name="now"/> and records the acquirer's answer.</summary>
    public static RenewalAttemptDue Answer(
        this Subscription subscription, DateTimeOffset now, RenewalResult result, string? reason = null, DunningSchedule? dunning = null)
    {
        var due = subscription.ChargeDue(now) ?? throw new InvalidOperationException($"No charge is due at {now:O}.");
        Assert.True(subscription.Record(due.Answered(result, now, reason), dunning ?? DunningSchedule.Default));
        return due;
    }
}
