namespace Checkout.Benchmarks.Renewals;

using System.Globalization;
using System.Text;
using Checkout.Benchmarks.Load;

/// <summary>The renewal run's lines in the <c>load</c> report, its rate as a share of bare Kestrel's GET in the same run.</summary>
public static class RenewalReport
{
    public static string Format(RenewalFigures run, IReadOnlyList<LoadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("### Renewals due at once");
        text.AppendLine();
        text.AppendLine("| due | drained in | renewals/s | app CPU µs/renewal | emulator CPU µs/renewal | app peak RSS | at end: anonymous / JIT code (shmem) / files |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {run.Due} | {run.Drain.TotalSeconds:F1} s | {run.RenewalsPerSecond:F0} | {run.AppCpuMicrosPerRenewal:F0} | {run.EmulatorCpuMicrosPerRenewal:F0} | {Mb(run.AppPeakRss)} | {Mb(run.AppAtEnd.Anonymous)} / {Mb(run.AppAtEnd.Shared)} / {Mb(run.AppAtEnd.Files)} |");
        text.AppendLine();
        foreach (var get in results.Where(r => r.Scenario.StartsWith("bare Kestrel GET", StringComparison.Ordinal)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- renewals/s against bare GET at {get.Clients} clients ({get.Rps:F0} req/s): {run.RenewalsPerSecond / get.Rps:P2}");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- {run.SignUps} real sign-ups through the app and the emulator, copied in SQL (own id, scheduler row and token row each) to {run.Due} subscriptions, all made due by one UPDATE; drained = every one's period charged, timed from that UPDATE");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {run.Database}, {run.Instances.Count} app instance(s); app CPU per renewal by process: {string.Join(", ", run.Instances.Select(i => i.CpuMicrosPerRenewal.ToString("F0", CultureInfo.InvariantCulture) + " µs"))}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- polls while work was due at which each instance held claims (in the order first seen): {string.Join(", ", run.Instances.Select(i => $"{i.PollsHoldingClaims} of {i.PollsWhileDue}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- exactly once: {(run.Counts.ExactlyOnce ? "yes" : "NO")}: {run.Counts}");
        return text.ToString();
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MB");
}
