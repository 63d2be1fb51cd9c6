using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Caching.Diagnostics;
using PatCode.Core.Answers;

namespace PatCode.Caching.Chat;

/// <summary>
/// Chat middleware: answers from the cache when it can, and otherwise passes the call on and stores the answer once
/// the model has finished it. A stream that fails, is cancelled or is abandoned early is never stored. A hit is
/// replayed as a stream of updates whose <see cref="ChatResponseUpdate.AdditionalProperties"/> carry
/// <see cref="CachedAnswerMarker.Property"/> ("exact" or "near"), so the UI can say the answer came from the cache.
/// </summary>
public sealed class ResponseCachingChatClient : DelegatingChatClient
{
    private const int ReplayChunkLength = 32;
    private readonly ResponseCache _cache;
    private readonly ModelDigests? _digests;
    private readonly ILogger _logger;

    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="modelDigest">
    /// Gives a model's digest (e.g. from Ollama's model list), or <see langword="null"/> when it cannot be had, so a
    /// re-pulled model does not reuse old answers. While it gives none (Ollama down), the last digest this cache saw
    /// for the model is used, so earlier answers can still be replayed.
    /// </param>
    /// <param name="logger">Where bypass reasons are logged at Debug.</param>
    public ResponseCachingChatClient(IChatClient innerClient, ResponseCache cache, Func<string, CancellationToken, Task<string?>>? modelDigest = null, ILogger? logger = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _logger = logger ?? NullLogger.Instance;
        _digests = modelDigest is null ? null : new ModelDigests(cache, modelDigest, _logger);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var (request, liveDigest) = await MapAsync(list, options, cancellationToken);
        if (request is null)
        {
            return await base.GetResponseAsync(list, options, cancellationToken);
        }

        var cached = await _cache.GetAsync(request, cancellationToken);
        if (cached is not null)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, cached.Text))
            {
                ModelId = request.Model,
                FinishReason = ChatFinishReason.Stop,
                AdditionalProperties = HitProperties(cached),
            };
        }

        var started = _cache.TimeProvider.GetTimestamp();
        var response = await base.GetResponseAsync(list, options, cancellationToken);
        var cacheable = response.Messages.SelectMany(m => m.Contents).All(c => c is TextContent or TextReasoningContent or UsageContent)
            && IsFinished(response.FinishReason);
        if (cacheable && response.Text.Length > 0)
        {
            var tokens = response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(response.Text);
            await StoreAsync(request, liveDigest, response.Text, tokens, started);
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var (request, liveDigest) = await MapAsync(list, options, cancellationToken);
        if (request is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var cached = await _cache.GetAsync(request, cancellationToken);
        if (cached is not null)
        {
            foreach (var update in Replay(cached, request.Model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }

            yield break;
        }

        var started = _cache.TimeProvider.GetTimestamp();
        var answer = new StringBuilder();
        long? outputTokens = null;
        var cacheable = true;
        ChatFinishReason? finishReason = null;
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        answer.Append(text.Text);
                        break;
                    case UsageContent usage:
                        outputTokens = usage.Details.OutputTokenCount ?? outputTokens;
                        break;
                    case TextReasoningContent:
                        break;
                    default:
                        cacheable = false;
                        break;
                }
            }

            finishReason = update.FinishReason ?? finishReason;
            yield return update;
        }

        // Reached only when the model's stream ran to its end: not on an error, a cancellation or an early stop.
        if (cacheable && answer.Length > 0 && IsFinished(finishReason) && !cancellationToken.IsCancellationRequested)
        {
            var text = answer.ToString();
            await StoreAsync(request, liveDigest, text, outputTokens ?? TokenEstimator.Estimate(text), started);
        }
        else
        {
            _logger.AnswerNotCached(cacheable ? $"finish reason {finishReason?.Value ?? "none"}" : "the answer holds more than text");
        }
    }

    /// <summary>The cache's request with the model's digest, and whether that digest is live; no request when the call must bypass the cache.</summary>
    private async ValueTask<(ChatCacheRequest? Request, bool LiveDigest)> MapAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (!_cache.IsEnabled)
        {
            return (null, false);
        }

        var defaultModel = InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        var request = ChatCacheRequestMapper.TryMap(messages, options, defaultModel, out var reason);
        if (request is null)
        {
            _logger.AnswerNotCached(reason!);
            return (null, false);
        }

        if (_digests is null)
        {
            return (request, false);
        }

        var (digest, live) = await _digests.ResolveAsync(request.Model, cancellationToken);
        return (request with { ModelDigest = digest }, live);
    }

    private async Task StoreAsync(ChatCacheRequest request, bool liveDigest, string answer, long outputTokens, long started)
    {
        var stored = await _cache.SetAsync(request, answer, outputTokens, _cache.TimeProvider.GetElapsedTime(started), CancellationToken.None);
        if (stored && liveDigest && _digests is not null)
        {
            await _digests.RememberAsync(request.Model, request.ModelDigest!);
        }
    }

    private static IEnumerable<ChatResponseUpdate> Replay(CachedResponse cached, string model)
    {
        var responseId = "cache-" + Guid.NewGuid().ToString("N");
        var text = cached.Text;
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(ReplayChunkLength, text.Length - start);
            if (start + length < text.Length)
            {
                // End chunks after a space where one is near, so replayed words arrive whole.
                var space = text.LastIndexOf(' ', start + length - 1, length);
                if (space > start)
                {
                    length = space - start + 1;
                }
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(start, length))
            {
                ModelId = model,
                ResponseId = responseId,
                AdditionalProperties = HitProperties(cached),
            };
            start += length;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, (string?)null)
        {
            ModelId = model,
            ResponseId = responseId,
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = HitProperties(cached),
        };
    }

    private static AdditionalPropertiesDictionary HitProperties(CachedResponse cached) => CachedAnswerMarker.For(cached.Kind);

    private static bool IsFinished(ChatFinishReason? reason) => reason is null || reason == ChatFinishReason.Stop || reason == ChatFinishReason.Length;
}
