using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Retries a request that failed transiently before its first token, waiting longer each time. Once tokens
/// have been shown a retry would repeat them, so failures after that point go to the caller.
/// </summary>
internal sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly int _retries;
    private readonly TimeSpan _firstDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RetryingChatClient(IChatClient inner, int retries, TimeSpan firstDelay, TimeProvider time, ILogger logger)
        : base(inner)
    {
        _retries = retries;
        _firstDelay = firstDelay;
        _time = time;
        _logger = logger;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _retries && TransientFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await WaitAsync(attempt, e, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            var enumerator = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool hasFirst;
            Exception? failure = null;
            try
            {
                hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _retries && TransientFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                hasFirst = false;
                failure = e;
            }

            if (failure is not null)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
                await WaitAsync(attempt, failure, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await using (enumerator.ConfigureAwait(false))
            {
                if (!hasFirst)
                {
                    yield break;
                }

                yield return enumerator.Current;
                while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return enumerator.Current;
                }
            }

            yield break;
        }
    }

    private async Task WaitAsync(int attempt, Exception failure, CancellationToken cancellationToken)
    {
        var delay = _firstDelay * Math.Pow(2, attempt);
        ChatLog.Retrying(_logger, failure, attempt + 1, _retries, delay.TotalMilliseconds);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }
}
