using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatCode.Core.Diagnostics;

namespace PatCode.Telemetry.Chat;

/// <summary>
/// Wraps one model call in the patcode.model.call span and records time to first token, tokens in and out
/// and tokens per second. It sits outside Microsoft.Extensions.AI's OpenTelemetryChatClient, whose
/// gen_ai "chat &lt;model&gt;" span therefore becomes this span's child.
/// </summary>
internal sealed class ModelCallTelemetryChatClient(IChatClient innerClient, TimeProvider timeProvider) : DelegatingChatClient(innerClient)
{
    private string? _defaultModel;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ModelOf(options);
        using var activity = StartSpan(model, streaming: false);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            RecordUsage(activity, response.ModelId ?? model, response.Usage, timeProvider.GetElapsedTime(started));
            return response;
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
        var model = ModelOf(options);
        using var activity = StartSpan(model, streaming: true);
        var started = timeProvider.GetTimestamp();
        long? firstChunkAt = null;
        UsageDetails? usage = null;
        string? respondingModel = null;
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }

                update = updates.Current;
            }
            catch (Exception e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }

            if (firstChunkAt is null)
            {
                firstChunkAt = timeProvider.GetTimestamp();
                var ttft = timeProvider.GetElapsedTime(started, firstChunkAt.Value).TotalMilliseconds;
                ChatInstruments.TimeToFirstToken.Record(ttft, new KeyValuePair<string, object?>(ChatInstruments.ModelTag, update.ModelId ?? model));
                activity?.SetTag("patcode.time_to_first_token_ms", ttft);
            }

            respondingModel ??= update.ModelId;
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usageContent)
                {
                    (usage ??= new UsageDetails()).Add(usageContent.Details);
                }
            }

            yield return update;
        }

        // Generation speed: output tokens over the time after the first chunk, which excludes prompt processing.
        var generating = firstChunkAt is { } first ? timeProvider.GetElapsedTime(first) : TimeSpan.Zero;
        RecordUsage(activity, respondingModel ?? model, usage, generating > TimeSpan.Zero ? generating : timeProvider.GetElapsedTime(started));
    }

    private static Activity? StartSpan(string model, bool streaming)
    {
        var activity = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ModelCallSpan, ActivityKind.Internal);
        activity?.SetTag("gen_ai.request.model", model);
        activity?.SetTag("patcode.streaming", streaming);
        return activity;
    }

    private static void RecordUsage(Activity? activity, string model, UsageDetails? usage, TimeSpan generating)
    {
        if (usage is null)
        {
            return;
        }

        var modelTag = new KeyValuePair<string, object?>(ChatInstruments.ModelTag, model);
        if (usage.InputTokenCount is { } input)
        {
            ChatInstruments.Tokens.Add(input, modelTag, new KeyValuePair<string, object?>(ChatInstruments.DirectionTag, "input"));
            activity?.SetTag("gen_ai.usage.input_tokens", input);
        }

        if (usage.OutputTokenCount is { } output)
        {
            ChatInstruments.Tokens.Add(output, modelTag, new KeyValuePair<string, object?>(ChatInstruments.DirectionTag, "output"));
            activity?.SetTag("gen_ai.usage.output_tokens", output);
            if (output > 0 && generating > TimeSpan.Zero)
            {
                var rate = output / generating.TotalSeconds;
                ChatInstruments.TokensPerSecond.Record(rate, modelTag);
                activity?.SetTag("patcode.tokens_per_second", rate);
            }
        }
    }

    private string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? (_defaultModel ??= InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown");
}
