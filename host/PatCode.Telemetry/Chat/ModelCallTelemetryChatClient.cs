using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatCode.Core.Diagnostics;

namespace PatCode.Telemetry.Chat;

/// <summary>
/// Wraps one model call in the patcode.model.call span. It sits inside the response cache (a cached answer
/// has no model call) and outside Microsoft.Extensions.AI's OpenTelemetryChatClient, whose gen_ai
/// "chat &lt;model&gt;" span therefore becomes this span's child and carries the token usage, once per turn.
/// The patcode.chat.* metrics are the chat session's, recorded from its turn figures.
/// </summary>
internal sealed class ModelCallTelemetryChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    private string? _defaultModel;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = StartSpan(ModelOf(options), streaming: false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = StartSpan(ModelOf(options), streaming: true);
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }

            yield return updates.Current;
        }
    }

    private static Activity? StartSpan(string model, bool streaming)
    {
        var activity = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ModelCallSpan, ActivityKind.Internal);
        activity?.SetTag(PatCodeDiagnostics.ModelTag, model);
        activity?.SetTag("patcode.streaming", streaming);
        return activity;
    }

    private string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? (_defaultModel ??= InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown");
}
