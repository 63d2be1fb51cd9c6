using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatCode.Caching.Tests.Support;

/// <summary>A model stand-in: streams the scripted answer word by word, optionally failing part-way, and counts calls.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public string Answer { get; set; } = "The large object heap is compacted on demand.";

    /// <summary>Throw after this many updates; null streams to the end.</summary>
    public int? FailAfter { get; set; }

    public int Calls { get; private set; }

    public ChatOptions? LastOptions { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        LastOptions = options;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { OutputTokenCount = 11 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        LastOptions = options;
        var words = Answer.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (FailAfter == i)
            {
                throw new HttpRequestException("connection reset by the model server");
            }

            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]) { ModelId = "llama3" };
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { OutputTokenCount = 9 })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "llama3") : null;

    public void Dispose()
    {
    }
}
