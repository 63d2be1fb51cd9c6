using Microsoft.Extensions.AI;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Tests.Support;
using PatCode.Telemetry.Tracing;

namespace PatCode.Telemetry.Tests.Chat;

[NonParallelizable] // one test sets OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT for the process
public sealed class ChatTurnTelemetryTests
{
    private const string CaptureVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
    private const string PlantedToken = "ghp_PlantedTokenAbCdEfGhIjKlMnOpQrStUv01";
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

    private IChatClient Pipeline(bool captureMessageContent = false) =>
        new ChatClientBuilder(new FakeStreamingChatClient(_model, "Hel", "lo", " there", "!")).UsePatCodeTelemetry(captureMessageContent: captureMessageContent).Build();

    private PatCode.Telemetry.Aggregation.MetricPoint? Metric(string name, string? tokenType = null) =>
        _service.Metrics().FirstOrDefault(p =>
            p.Name == name
            && p.Tags.Values.Contains(_model)
            && (tokenType is null || p.Tags.GetValueOrDefault("gen_ai.token.type") == tokenType));

    private List<SpanRecord> SpansOfThisModel() =>
        _service.Spans().Where(s => s.Tags.Values.Contains(_model) || s.Name.EndsWith(_model, StringComparison.Ordinal)).ToList();

    [Test]
    public async Task StreamedTurn_ProducesTheGenAiMetrics_AndLeavesThePatCodeChatMetricsToTheSession()
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
            Assert.That(Metric("gen_ai.client.operation.duration")?.Unit, Is.EqualTo("s"));
            Assert.That(Metric("gen_ai.client.token.usage", "input")?.Distribution?.Sum, Is.EqualTo(FakeStreamingChatClient.InputTokens));
            Assert.That(Metric("gen_ai.client.token.usage", "output")?.Distribution?.Sum, Is.EqualTo(4));
            Assert.That(Metric("gen_ai.client.operation.time_to_first_chunk")?.Distribution?.Count, Is.EqualTo(1));
            Assert.That(Metric(InstrumentNames.ChatTokens), Is.Null, "the chat session records patcode.chat.*, once; the middleware does not");
            Assert.That(Metric(InstrumentNames.ChatTimeToFirstToken), Is.Null);
            Assert.That(Metric(InstrumentNames.ChatTokensPerSecond), Is.Null);
        });
    }

    [Test]
    public async Task StreamedTurn_ModelCallSpanSitsUnderTheTurn_AndTheGenAiSpanUnderItCarriesTheUsageOnce()
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
            Assert.That(genAi.Tags[SpanAttributes.FinishReasons], Is.EqualTo("stop"), "an array of one, not the text '[\"stop\"]'");
            Assert.That(modelCall.Tags, Is.EqualTo(new Dictionary<string, string> { ["patcode.model"] = _model, ["patcode.streaming"] = "True" }), "no usage repeated from the GenAI span");
            Assert.That(modelCall.DurationMs, Is.GreaterThanOrEqualTo(genAi.DurationMs));
        });
    }

    [Test]
    public async Task ContentCaptureOff_TheEnvironmentVariableAloneRecordsNoPromptOrAnswer()
    {
        var before = Environment.GetEnvironmentVariable(CaptureVariable);
        Environment.SetEnvironmentVariable(CaptureVariable, "true");
        try
        {
            using var client = Pipeline(captureMessageContent: false);
            await client.GetResponseAsync($"my token is {PlantedToken}");
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaptureVariable, before);
        }

        var genAi = SpansOfThisModel().Single(s => s.Source == TelemetryNames.GenAiSourceName);
        Assert.That(genAi.Tags.Keys, Has.None.StartsWith("gen_ai.input").And.None.StartsWith("gen_ai.output").And.None.StartsWith("gen_ai.system_instructions"));
        Assert.That(string.Join("\n", genAi.Tags.Values), Does.Not.Contain("my token is").And.Not.Contain("Hello there"));
    }

    [Test]
    public async Task ContentCaptureOn_PromptAndAnswerAreOnTheSpan_WithSecretsRedacted()
    {
        using var client = Pipeline(captureMessageContent: true);

        await client.GetResponseAsync($"my token is {PlantedToken}");

        var genAi = SpansOfThisModel().Single(s => s.Source == TelemetryNames.GenAiSourceName);
        Assert.That(genAi.Tags["gen_ai.input.messages"], Does.Contain("my token is").And.Contain("[REDACTED]").And.Not.Contain(PlantedToken));
        Assert.That(genAi.Tags["gen_ai.output.messages"], Does.Contain("Hello there!"));
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
