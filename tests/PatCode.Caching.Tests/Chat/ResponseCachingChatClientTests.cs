using System.Text;
using Microsoft.Extensions.AI;
using PatCode.Caching.Chat;

namespace PatCode.Caching.Tests.Chat;

// The chat pipeline against the Ollama emulator is exercised end to end by the host's tests; here the model is a
// test double of the Microsoft.Extensions.AI interface, so each storing rule can be checked on its own.
public sealed class ResponseCachingChatClientTests : CacheTestBase
{
    private FakeChatClient _model = null!;
    private IChatClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _model = new FakeChatClient();
        _client = new ChatClientBuilder(_model).UseResponseCache(Cache).Build();
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _model.Dispose();
    }

    [Test]
    public async Task Streaming_SecondIdenticalCall_IsReplayedFromTheCacheAsAStream()
    {
        var (firstText, firstUpdates) = await Stream(LongPrompt);
        var (secondText, secondUpdates) = await Stream(LongPrompt);

        Assert.That(_model.Calls, Is.EqualTo(1));
        Assert.That(firstText, Is.EqualTo(_model.Answer));
        Assert.That(secondText, Is.EqualTo(_model.Answer));
        Assert.That(secondUpdates.Count(u => u.Text.Length > 0), Is.GreaterThan(1), "a hit should arrive as several updates");
        Assert.That(secondUpdates.Where(u => u.Text.Length > 0).All(u => (string?)u.AdditionalProperties?[CachedAnswerMarker.Property] == "exact"), Is.True);
        Assert.That(secondUpdates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(firstUpdates.All(u => u.AdditionalProperties is null || !u.AdditionalProperties.ContainsKey(CachedAnswerMarker.Property)), Is.True);
    }

    [Test]
    public async Task Streaming_NearDuplicatePrompt_IsReplayedAsANearHit()
    {
        await Stream(LongPrompt);

        var (text, updates) = await Stream(LongPrompt + " please");

        Assert.That(_model.Calls, Is.EqualTo(1));
        Assert.That(text, Is.EqualTo(_model.Answer));
        Assert.That((string?)updates[0].AdditionalProperties?[CachedAnswerMarker.Property], Is.EqualTo("near"));
    }

    [Test]
    public async Task Streaming_StreamThatFailsPartWay_IsNotStored()
    {
        _model.FailAfter = 3;
        Assert.ThrowsAsync<HttpRequestException>(async () => await Stream(LongPrompt));

        _model.FailAfter = null;
        await Stream(LongPrompt);

        Assert.That(_model.Calls, Is.EqualTo(2));
        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.EqualTo(1));
    }

    [Test]
    public async Task Streaming_ConsumerStopsEarly_IsNotStored()
    {
        await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, LongPrompt)]))
        {
            if (update.Text.Length > 0)
            {
                break;
            }
        }

        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.Zero);
        await Stream(LongPrompt);
        Assert.That(_model.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task Streaming_CancelledPartWay_IsNotStored()
    {
        using var cancellation = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, LongPrompt)], cancellationToken: cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.Zero);
    }

    [Test]
    public async Task Streaming_StoredAnswer_CountsTheModelsTokensAsSavedOnAHit()
    {
        await Stream(LongPrompt);
        await Stream(LongPrompt);

        var stats = await Cache.GetStatisticsAsync();
        Assert.That(stats.TokensSaved, Is.EqualTo(9));
        Assert.That(stats.ExactHits, Is.EqualTo(1));
        Assert.That(stats.Misses, Is.EqualTo(1));
    }

    [Test]
    public async Task Streaming_AnotherModelOrContextLength_GoesToTheModel()
    {
        await Stream(LongPrompt);
        await Stream(LongPrompt, new ChatOptions { ModelId = "qwen2.5-coder" });
        await Stream(LongPrompt, new ChatOptions { AdditionalProperties = new() { ["num_ctx"] = 8192 } });
        await Stream(LongPrompt, new ChatOptions { AdditionalProperties = new() { ["num_ctx"] = 8192 } });

        Assert.That(_model.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task Streaming_WithTools_BypassesTheCache()
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "now", "clock")] };

        await Stream(LongPrompt, options);
        await Stream(LongPrompt, options);

        Assert.That(_model.Calls, Is.EqualTo(2));
        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.Zero);
    }

    [Test]
    public async Task GetResponseAsync_SecondIdenticalCall_ComesFromTheCache()
    {
        var first = await _client.GetResponseAsync(Messages(LongPrompt));
        var second = await _client.GetResponseAsync(Messages(LongPrompt));

        Assert.That(_model.Calls, Is.EqualTo(1));
        Assert.That(second.Text, Is.EqualTo(first.Text));
        Assert.That((string?)second.AdditionalProperties?[CachedAnswerMarker.Property], Is.EqualTo("exact"));
    }

    [Test]
    public async Task Streaming_AnswerStoredByTheMiddleware_IsSharedWithTheStreamingPath()
    {
        await _client.GetResponseAsync(Messages(LongPrompt));

        var (text, _) = await Stream(LongPrompt);

        Assert.That(_model.Calls, Is.EqualTo(1));
        Assert.That(text, Is.EqualTo(_model.Answer));
    }

    private static List<ChatMessage> Messages(string prompt) => [new ChatMessage(ChatRole.System, "You are PatCode."), new ChatMessage(ChatRole.User, prompt)];

    private async Task<(string Text, List<ChatResponseUpdate> Updates)> Stream(string prompt, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        var text = new StringBuilder();
        await foreach (var update in _client.GetStreamingResponseAsync(Messages(prompt), options))
        {
            updates.Add(update);
            text.Append(update.Text);
        }

        return (text.ToString(), updates);
    }
}
