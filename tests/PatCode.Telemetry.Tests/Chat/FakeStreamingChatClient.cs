using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatCode.Telemetry.Tests.Chat;

/// <summary>
/// Stands in for the model behind the chat pipeline (the lead's test runs the real OllamaSharp client against
/// the emulator): streams a few chunks with a pause between them, then the usage, like Ollama does.
/// </summary>
internal sealed class FakeStreamingChatClient(string model, params string[] chunks) : IChatClient
{
    public const int InputTokens = 12;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(chunks)))
        {
            ModelId = model,
            Usage = new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = chunks.Length, TotalTokenCount = InputTokens + chunks.Length },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in chunks)
        {
            await Task.Delay(15, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ModelId = model };
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = model,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = chunks.Length, TotalTokenCount = InputTokens + chunks.Length })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("ollama", new Uri("http://127.0.0.1:11434"), model) : null;

    public void Dispose()
    {
    }
}
