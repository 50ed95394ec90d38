namespace Checkout.Benchmarks.Events;

using System.Globalization;
using System.Text;
using Checkout.Benchmarks.Load;

/// <summary>The event delivery run's lines in the <c>load</c> report, its rate as a share of bare Kestrel's GET in the same run.</summary>
public static class EventReport
{
    public static string Format(EventFigures run, IReadOnlyList<LoadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("### Events due at once");
        text.AppendLine();
        text.AppendLine("| due | drained in | events/s | app CPU µs/event | receiver CPU µs/event | app peak RSS |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {run.Due} | {run.Drain.TotalSeconds:F1} s | {run.EventsPerSecond:F0} | {run.AppCpuMicrosPerEvent:F0} | {run.ReceiverCpuMicrosPerEvent:F0} | {run.AppPeakRss / 1048576.0:F0} MB |");
        text.AppendLine();
        foreach (var get in results.Where(r => r.Scenario.StartsWith("bare Kestrel GET", StringComparison.Ordinal)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- events/s against bare GET at {get.Clients} clients ({get.Rps:F0} req/s): {run.EventsPerSecond / get.Rps:P2}");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- one real sign-up's subscription.created event copied in SQL to {run.Due} events (own id in the row and the signed body, one pending delivery each), all made due by one UPDATE; drained = every one delivered, timed from that UPDATE; the receiver (this process) verifies each signature");
        text.AppendLine(CultureInfo.InvariantCulture, $"- once per the app's ledger: {(run.Counts.OncePerLedger ? "yes" : "NO")}: {run.Counts}");
        return text.ToString();
    }
}
