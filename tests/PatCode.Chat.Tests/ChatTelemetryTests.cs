using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using PatCode.Caching.Chat;
using PatCode.Core.Diagnostics;

namespace PatCode.Chat.Tests;

[CancelAfter(60_000)]
public sealed class ChatTelemetryTests
{
    [Test]
    public async Task SendAsync_RecordsTurnsTokensTimingsAndSpans()
    {
        // A model name no other test uses, because the meter and the activity source are process-wide.
        const string Model = "telemetry-probe";
        var (measurements, meters) = Listen(Model);
        using var _ = meters;
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PatCodeDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("patcode.model") as string == Model)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel(Model)]);
        bed.Emulator.EnqueueAnswer("one two three");
        using var host = bed.CreateHost(s => s with { Model = Model });

        await host.Session.SendAsync("measure me", CancellationToken.None);

        Assert.That(measurements.Where(m => m.Name == InstrumentNames.ChatTurns).Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(measurements.Single(m => m.Name == InstrumentNames.ChatTokens && m.Direction == "output").Value, Is.EqualTo(3));
        Assert.That(measurements.Single(m => m.Name == InstrumentNames.ChatTokens && m.Direction == "input").Value, Is.GreaterThan(0));
        Assert.That(measurements.Count(m => m.Name == InstrumentNames.ChatTimeToFirstToken), Is.EqualTo(1));
        Assert.That(measurements.Single(m => m.Name == InstrumentNames.ChatTokensPerSecond).Value, Is.EqualTo(50).Within(0.001));
        Assert.That(spans.Select(s => s.OperationName), Is.EquivalentTo(new[] { InstrumentNames.ChatTurnSpan, InstrumentNames.ModelCallSpan }));
        var turn = spans.Single(s => s.OperationName == InstrumentNames.ChatTurnSpan);
        Assert.That(spans.Single(s => s.OperationName == InstrumentNames.ModelCallSpan).ParentSpanId, Is.EqualTo(turn.SpanId));
    }

    [Test]
    public async Task SendAsync_WhenMiddlewareOpensTheModelCallSpan_TheSessionStillRecordsEachChatMetricOnce()
    {
        const string Model = "telemetry-probe-middleware";
        var (instruments, meters) = Listen(Model);
        using var _ = meters;
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel(Model)]);
        using var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = bed.Settings(s => s with { Model = Model, Verbose = true }),
            Chain = bed.Chain,
            Output = bed.Output,
            Paths = bed.Paths,
            WorkingDirectory = bed.WorkingDirectory,
            RecordModelCallSpan = false,
        });

        await host.Session.SendAsync("measure me once", CancellationToken.None);

        Assert.That(instruments.Select(i => i.Name), Is.EquivalentTo(new[]
        {
            InstrumentNames.ChatTurns, InstrumentNames.ChatTokens, InstrumentNames.ChatTokens, InstrumentNames.ChatTimeToFirstToken, InstrumentNames.ChatTokensPerSecond,
        }));
        var speed = instruments.Single(i => i.Name == InstrumentNames.ChatTokensPerSecond).Value;
        Assert.That(bed.Output.DimLines.Single(), Does.Contain($"speed: {speed.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} tokens/s"), "the verbose line and the metric are one figure");
        Assert.That(instruments.Single(i => i.Name == InstrumentNames.ChatTimeToFirstToken).Value, Is.LessThan(30), "seconds");
    }

    [Test]
    public async Task SendAsync_AnswerFromTheResponseCache_CountsTheTurnButNoModelTokens()
    {
        const string Model = "telemetry-probe-cached";
        var (instruments, meters) = Listen(Model);
        using var _ = meters;
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel(Model)]);
        using var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = bed.Settings(s => s with { Model = Model }),
            Chain = bed.Chain,
            Output = bed.Output,
            Paths = bed.Paths,
            WorkingDirectory = bed.WorkingDirectory,
            ConfigureChatClient = (builder, _) => builder.Use(getResponseFunc: null, getStreamingResponseFunc: (_, _, _, _) => Replayed()),
            CacheHitOf = CachedAnswerMarker.HitKindOf,
        });

        var result = await host.Session.SendAsync("asked before", CancellationToken.None);

        Assert.That(result.Metrics!.CacheHit, Is.EqualTo("exact"));
        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
        Assert.That(instruments.Select(i => i.Name), Is.EqualTo(new[] { InstrumentNames.ChatTurns }));

        // Like the response cache on a hit: the stored text and usage, marked as replayed.
        static async IAsyncEnumerable<ChatResponseUpdate> Replayed()
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Stored answer.")
            {
                AdditionalProperties = new() { [CachedAnswerMarker.Property] = "exact" },
            };
            yield return new ChatResponseUpdate
            {
                FinishReason = ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3 })],
                AdditionalProperties = new() { [CachedAnswerMarker.Property] = "exact" },
            };
        }
    }

    /// <summary>Collects what the PatCode meter records for <paramref name="model"/> (the meter is process-wide, so each test uses a model of its own).</summary>
    private static (ConcurrentQueue<(string Name, double Value, string? Direction)> Instruments, MeterListener Listener) Listen(string model)
    {
        var instruments = new ConcurrentQueue<(string Name, double Value, string? Direction)>();
        var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PatCodeDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? measuredModel = null, direction = null;
            foreach (var tag in tags)
            {
                measuredModel = tag.Key == "model" ? tag.Value as string : measuredModel;
                direction = tag.Key == "direction" ? tag.Value as string : direction;
            }

            if (measuredModel == model)
            {
                instruments.Enqueue((instrument.Name, value, direction));
            }
        }

        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.Start();
        return (instruments, meters);
    }
}
