namespace Checkout.Integration.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Checkout.Web.Telemetry;
using OpenTelemetry;

/// <summary>Every span the app's tracer provider ends, as an exporter receives it.</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    public override void OnEnd(Activity data) => Spans.Enqueue(data);

    /// <summary>Waits until a span matches, and returns it.</summary>
    public async Task<Activity> WaitForAsync(string what, Func<Activity, bool> match) =>
        (await Eventually.MatchesAsync($"a span for {what}", () => Spans.FirstOrDefault(match), span => span is not null))!;

    /// <summary>True when <paramref name="span"/> is below <paramref name="ancestor"/> in the spans recorded.</summary>
    public bool IsBelow(Activity span, Activity ancestor)
    {
        var bySpanId = Spans.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = bySpanId.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>The app's own instruments, read with the framework's MeterListener: only this host's meter, by instrument and tags.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private long? _backlog;

    public MetricsRecorder(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CheckoutTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, hostMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument is ObservableGauge<long>)
            {
                _backlog = value;
                return;
            }
            _sums.AddOrUpdate(Key(instrument.Name, tags), value, (_, sum) => sum + value);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Lags.Enqueue(value));
        _listener.Start();
    }

    public ConcurrentQueue<double> Lags { get; } = new();

    public long Count(string instrument, string plan, string? declinedBy = null)
    {
        KeyValuePair<string, object?>[] tags = declinedBy is null
            ? [new(CheckoutTelemetry.PlanTag, plan)]
            : [new(CheckoutTelemetry.PlanTag, plan), new(CheckoutMetrics.DeclinedByTag, declinedBy)];
        return _sums.GetValueOrDefault(Key(instrument, tags));
    }

    /// <summary>Asks the backlog gauge now, as a scrape would.</summary>
    public long? Backlog()
    {
        _backlog = null;
        _listener.RecordObservableInstruments();
        return _backlog;
    }

    /// <summary>Waits for the instruments to settle on what the test expects.</summary>
    public static Task WaitForAsync(Func<bool> condition) => Eventually.HoldsAsync("the instruments to record what the test expects", condition);

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }
        parts.Sort(StringComparer.Ordinal);
        return instrument + "|" + string.Join('|', parts);
    }
}
