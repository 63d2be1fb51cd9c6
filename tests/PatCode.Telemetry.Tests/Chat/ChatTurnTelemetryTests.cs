using Microsoft.Extensions.AI;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Chat;

public sealed class ChatTurnTelemetryTests
{
    private TelemetryService _service = null!;
    private string _model = null!;

    [SetUp]
    public void SetUp()
    {
        _service = TestTelemetry.Create();
        _model = TestTelemetry.UniqueName("llama");
    }

    [TearDown]
    public void TearDown() => _service.Dispose();

    private IChatClient Pipeline() =>
        new ChatClientBuilder(new FakeStreamingChatClient(_model, "Hel", "lo", " there", "!")).UsePatCodeTelemetry().Build();

    private PatCode.Telemetry.Aggregation.MetricPoint? Metric(string name, string? direction = null) =>
        _service.Metrics().FirstOrDefault(p =>
            p.Name == name
            && p.Tags.Values.Contains(_model)
            && (direction is null || p.Tags.GetValueOrDefault("direction") == direction || p.Tags.GetValueOrDefault("gen_ai.token.type") == direction));

    [Test]
    public async Task StreamedTurn_ProducesGenAiMetricsAndPatCodeChatMetrics()
    {
        using var client = Pipeline();
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        Assert.That(text, Is.EqualTo("Hello there!"));
        Assert.Multiple(() =>
        {
            Assert.That(Metric("gen_ai.client.operation.duration")?.Distribution?.Count, Is.EqualTo(1));
            Assert.That(Metric("gen_ai.client.token.usage", "input")?.Distribution?.Sum, Is.EqualTo(FakeStreamingChatClient.InputTokens));
            Assert.That(Metric("gen_ai.client.token.usage", "output")?.Distribution?.Sum, Is.EqualTo(4));
            Assert.That(Metric("gen_ai.client.operation.time_to_first_chunk")?.Distribution?.Count, Is.EqualTo(1));
            Assert.That(Metric(InstrumentNames.ChatTimeToFirstToken)?.Distribution?.Min, Is.GreaterThanOrEqualTo(10), "the first chunk came after ~15 ms");
            Assert.That(Metric(InstrumentNames.ChatTimeToFirstToken)?.Unit, Is.EqualTo("ms"));
            Assert.That(Metric(InstrumentNames.ChatTokens, "input")?.Value, Is.EqualTo(FakeStreamingChatClient.InputTokens));
            Assert.That(Metric(InstrumentNames.ChatTokens, "output")?.Value, Is.EqualTo(4));
            Assert.That(Metric(InstrumentNames.ChatTokensPerSecond)?.Distribution?.Max, Is.GreaterThan(0).And.LessThan(4 / 0.030), "4 tokens over the ~45 ms after the first chunk");
        });
    }

    [Test]
    public async Task StreamedTurn_ModelCallSpanSitsUnderTheTurnAndHoldsTheGenAiSpan()
    {
        using var client = Pipeline();
        string turnSpanId;
        using (var turn = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan))
        {
            turnSpanId = turn!.SpanId.ToHexString();
            await foreach (var _ in client.GetStreamingResponseAsync("hi"))
            {
            }
        }

        var spans = _service.Spans();
        var modelCall = spans.Single(s => s.Name == InstrumentNames.ModelCallSpan && s.ParentSpanId == turnSpanId);
        var genAi = spans.Single(s => s.ParentSpanId == modelCall.SpanId);
        Assert.Multiple(() =>
        {
            Assert.That(genAi.Source, Is.EqualTo(TelemetryNames.GenAiSourceName));
            Assert.That(genAi.Name, Is.EqualTo($"chat {_model}"));
            Assert.That(genAi.Tags["gen_ai.request.model"], Is.EqualTo(_model));
            Assert.That(genAi.Tags["gen_ai.usage.output_tokens"], Is.EqualTo("4"));
            Assert.That(modelCall.Tags["gen_ai.usage.input_tokens"], Is.EqualTo("12"));
            Assert.That(modelCall.Tags, Does.ContainKey("patcode.time_to_first_token_ms"));
            Assert.That(modelCall.DurationMs, Is.GreaterThanOrEqualTo(genAi.DurationMs));
        });
    }

    [Test]
    public async Task NonStreamingCall_RecordsTokensAndTheOperationDuration()
    {
        using var client = Pipeline();

        var response = await client.GetResponseAsync("hi");

        Assert.That(response.Text, Is.EqualTo("Hello there!"));
        Assert.That(Metric(InstrumentNames.ChatTokens, "output")?.Value, Is.EqualTo(4));
        Assert.That(Metric("gen_ai.client.operation.duration")?.Distribution?.Count, Is.EqualTo(1));
        Assert.That(Metric(InstrumentNames.ChatTimeToFirstToken), Is.Null, "no chunks, no time to first chunk");
    }

    [Test]
    public void FailingModel_MarksTheModelCallSpanAsAnError()
    {
        using var client = new ChatClientBuilder(new FailingChatClient()).UsePatCodeTelemetry().Build();

        Assert.That(async () => await client.GetResponseAsync("hi"), Throws.TypeOf<HttpRequestException>());

        var span = _service.Spans().Last(s => s.Name == InstrumentNames.ModelCallSpan);
        Assert.That(span.Status, Is.EqualTo("error: HttpRequestException"));
    }

    private sealed class FailingChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("connection refused");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("connection refused");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
