using System.Diagnostics.Metrics;
using PatCode.Telemetry.Aggregation;

namespace PatCode.Telemetry.Tests.Aggregation;

public sealed class MetricsAggregatorTests
{
    private Meter _meter = null!;
    private MetricsAggregator _aggregator = null!;

    [SetUp]
    public void SetUp()
    {
        _meter = new Meter("PatCode.Tests." + Guid.NewGuid().ToString("N"));
        _aggregator = new MetricsAggregator(maxSeries: 100);
    }

    [TearDown]
    public void TearDown()
    {
        _aggregator.Dispose();
        _meter.Dispose();
    }

    private List<MetricPoint> Points(string name) => _aggregator.Snapshot().Where(p => p.Meter == _meter.Name && p.Name == name).ToList();

    [Test]
    public void Counter_IsSummedPerTagSet()
    {
        var counter = _meter.CreateCounter<long>("requests");
        counter.Add(2, new KeyValuePair<string, object?>("outcome", "success"));
        counter.Add(3, new KeyValuePair<string, object?>("outcome", "success"));
        counter.Add(7, new KeyValuePair<string, object?>("outcome", "failure"));

        var points = Points("requests");

        Assert.That(points, Has.Count.EqualTo(2));
        Assert.That(points.Single(p => p.Tags["outcome"] == "success").Value, Is.EqualTo(5));
        Assert.That(points.Single(p => p.Tags["outcome"] == "failure").Value, Is.EqualTo(7));
    }

    [Test]
    public void Counter_SameTagsInAnotherOrder_AreOneSeries()
    {
        var counter = _meter.CreateCounter<long>("executions");
        counter.Add(1, new("plugin", "a"), new("outcome", "success"));
        counter.Add(1, new("outcome", "success"), new("plugin", "a"));

        Assert.That(Points("executions").Single().Value, Is.EqualTo(2));
    }

    [Test]
    public void DoubleCounter_AddsFractions()
    {
        var counter = _meter.CreateCounter<double>("seconds");
        counter.Add(0.25);
        counter.Add(0.5);

        Assert.That(Points("seconds").Single().Value, Is.EqualTo(0.75).Within(1e-9));
    }

    [Test]
    public void Gauge_KeepsTheLastValue()
    {
        var gauge = _meter.CreateGauge<double>("queue");
        gauge.Record(4);
        gauge.Record(9);
        gauge.Record(6);

        Assert.That(Points("queue").Single().Value, Is.EqualTo(6));
    }

    [Test]
    public void ObservableGauge_IsReadWhenASnapshotIsTaken()
    {
        var reads = 0;
        _meter.CreateObservableGauge("memory", () => ++reads * 10.0);

        Assert.That(Points("memory").Single().Value, Is.EqualTo(10));
        Assert.That(Points("memory").Single().Value, Is.EqualTo(20));
    }

    [Test]
    public void Histogram_ReportsCountSumMinMaxAverageAndPercentiles()
    {
        var histogram = _meter.CreateHistogram<double>("latency", "ms");
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i);
        }

        var stats = Points("latency").Single().Distribution!;

        Assert.Multiple(() =>
        {
            Assert.That(stats.Count, Is.EqualTo(1000));
            Assert.That(stats.Sum, Is.EqualTo(500_500));
            Assert.That(stats.Min, Is.EqualTo(1));
            Assert.That(stats.Max, Is.EqualTo(1000));
            Assert.That(stats.Average, Is.EqualTo(500.5));
            Assert.That(stats.P50, Is.EqualTo(500).Within(1.6).Percent);
            Assert.That(stats.P95, Is.EqualTo(950).Within(1.6).Percent);
            Assert.That(stats.P99, Is.EqualTo(990).Within(1.6).Percent);
        });
    }

    [Test]
    public void Histogram_SkewedDistribution_PercentilesFollowTheTail()
    {
        var histogram = _meter.CreateHistogram<double>("skewed", "ms");
        for (var i = 0; i < 980; i++)
        {
            histogram.Record(2);
        }

        for (var i = 0; i < 20; i++)
        {
            histogram.Record(3000);
        }

        var stats = Points("skewed").Single().Distribution!;

        Assert.That(stats.P50, Is.EqualTo(2).Within(1.6).Percent);
        Assert.That(stats.P95, Is.EqualTo(2).Within(1.6).Percent);
        Assert.That(stats.P99, Is.EqualTo(3000).Within(1.6).Percent);
    }

    [Test]
    public void Histogram_SingleValue_PercentilesAreThatValueExactly()
    {
        _meter.CreateHistogram<double>("once").Record(42.123);

        var stats = Points("once").Single().Distribution!;

        Assert.That(new[] { stats.P50, stats.P95, stats.P99, stats.Min, stats.Max }, Is.All.EqualTo(42.123));
    }

    [Test]
    public void Histogram_ZeroAndNegativeValues_AreCountedAndBoundByMin()
    {
        var histogram = _meter.CreateHistogram<long>("deltas");
        histogram.Record(0);
        histogram.Record(-5);
        histogram.Record(10);

        var stats = Points("deltas").Single().Distribution!;

        Assert.That(stats.Count, Is.EqualTo(3));
        Assert.That(stats.Min, Is.EqualTo(-5));
        Assert.That(stats.P50, Is.EqualTo(-5));
        Assert.That(stats.Max, Is.EqualTo(10));
    }

    [Test]
    public void Histogram_NaN_IsIgnored()
    {
        var histogram = _meter.CreateHistogram<double>("with.nan");
        histogram.Record(double.NaN);
        histogram.Record(4);

        var stats = Points("with.nan").Single().Distribution!;

        Assert.That((stats.Count, stats.Sum, stats.Min, stats.Max), Is.EqualTo((1L, 4.0, 4.0, 4.0)));
    }

    [Test]
    public void Series_BeyondTheLimit_AreRefusedAndCounted()
    {
        using var small = new MetricsAggregator(maxSeries: 10);
        var counter = _meter.CreateCounter<long>("cardinality");
        for (var i = 0; i < 25; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.That(small.Snapshot().Count(p => p.Meter == _meter.Name), Is.EqualTo(10));
        Assert.That(small.RefusedMeasurements, Is.EqualTo(15));
    }

    [Test]
    public void Reset_ForgetsValuesButKeepsListening()
    {
        var counter = _meter.CreateCounter<long>("resettable");
        counter.Add(5);
        _aggregator.Reset();
        counter.Add(2);

        Assert.That(Points("resettable").Single().Value, Is.EqualTo(2));
    }

    [Test]
    public void MeterOutsidePatCode_IsIgnored()
    {
        using var foreign = new Meter("SomeLibrary." + Guid.NewGuid().ToString("N"));
        foreign.CreateCounter<long>("noise").Add(1);

        Assert.That(_aggregator.Snapshot().Any(p => p.Meter == foreign.Name), Is.False);
    }

    [Test]
    public void ConcurrentAdds_AreNotLost()
    {
        var counter = _meter.CreateCounter<long>("parallel");
        var histogram = _meter.CreateHistogram<double>("parallel.timer");
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1);
                histogram.Record(1.5);
            }
        });

        Assert.That(Points("parallel").Single().Value, Is.EqualTo(80_000));
        Assert.That(Points("parallel.timer").Single().Distribution!.Count, Is.EqualTo(80_000));
        Assert.That(Points("parallel.timer").Single().Distribution!.Sum, Is.EqualTo(120_000));
    }
}
