using PatCode.Sdk;
using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Plugins;

public sealed class EventLogTests
{
    [Test]
    public void Events_BeyondMaxMetrics_PushOutTheOldest()
    {
        using var service = TestTelemetry.Create(("telemetry.maxMetrics", "10"));

        for (var i = 1; i <= 25; i++)
        {
            service.RecordEvent($"event.{i}");
        }

        var events = service.Events();
        var stats = service.Stats();
        Assert.That(events.Select(e => e.Name), Is.EqualTo(Enumerable.Range(16, 10).Select(i => $"event.{i}")));
        Assert.That(stats.EventsKept, Is.EqualTo(10));
        Assert.That(stats.EventsRecorded, Is.EqualTo(25));
    }

    [Test]
    public void Stats_CountsKeptEventsByLevel()
    {
        using var service = TestTelemetry.Create();
        service.RecordEvent("a");
        service.RecordEvent("b", TelemetryLevel.Warning);
        service.RecordEvent("c", TelemetryLevel.Error);
        service.RecordEvent("d", TelemetryLevel.Error);

        var stats = service.Stats();

        Assert.That((stats.InfoEvents, stats.WarningEvents, stats.ErrorEvents), Is.EqualTo((1, 1, 2)));
    }

    [Test]
    public void RecordEvent_TakesItsTimestampFromTheTimeProvider()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var service = new TelemetryService(TelemetrySettings.Defaults, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, clock);

        service.RecordEvent("stamped");

        Assert.That(service.Events().Single().Timestamp, Is.EqualTo(clock.Now));
    }

    [Test]
    public void Clear_EmptiesEvents()
    {
        using var service = TestTelemetry.Create();
        service.RecordEvent("gone");

        service.Clear();

        Assert.That(service.Events(), Is.Empty);
        Assert.That(service.Stats().EventsRecorded, Is.Zero);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now => now;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
