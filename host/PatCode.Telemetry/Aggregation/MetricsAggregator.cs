using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PatCode.Telemetry.Aggregation;

/// <summary>
/// Listens to every PatCode meter (the host's, each plugin's, the GenAI client's) and keeps, per instrument
/// and tag set, a sum (counters), the last value (gauges) or a distribution (histograms and timers).
/// An instrument whose meter is disposed, such as an unloaded plugin's, keeps its numbers; a reloaded
/// plugin's instruments with the same names continue them.
/// </summary>
internal sealed class MetricsAggregator : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Meter, string Name, InstrumentKind Kind), InstrumentAggregate> _instruments = new();
    private readonly SeriesBudget _budget;

    public MetricsAggregator(int maxSeries)
    {
        _budget = new SeriesBudget(maxSeries);
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    public long RefusedMeasurements => _budget.Refused;

    public int MaxSeries => _budget.MaxSeries;

    public IReadOnlyList<MetricPoint> Snapshot()
    {
        // Observable instruments report only when asked.
        _listener.RecordObservableInstruments();
        return _instruments.Values
            .SelectMany(i => i.Points())
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.TagText, StringComparer.Ordinal)
            .ToList();
    }

    public int InstrumentCount => _instruments.Count;

    public int SeriesCount => _instruments.Values.Sum(i => i.SeriesCount);

    public void Reset()
    {
        foreach (var instrument in _instruments.Values)
        {
            instrument.Reset();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!TelemetryNames.IsPatCodeSource(instrument.Meter.Name) || InstrumentKinds.Of(instrument) is not { } kind)
        {
            return;
        }

        var aggregate = _instruments.GetOrAdd(
            (instrument.Meter.Name, instrument.Name, kind),
            static (key, state) => new InstrumentAggregate(key.Meter, key.Name, key.Kind, state.Instrument.Unit, state.Instrument.Description, state.Budget),
            (Instrument: instrument, Budget: _budget));
        listener.EnableMeasurementEvents(instrument, aggregate);
    }
}
