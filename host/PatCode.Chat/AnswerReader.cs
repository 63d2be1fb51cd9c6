using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PatCode.Chat.Answers;
using PatCode.Core.Diagnostics;

namespace PatCode.Chat;

/// <summary>
/// Streams one answer from the <see cref="IChatClient"/> pipeline into a <see cref="StreamedAnswer"/>. The timeout
/// is for silence: every update restarts it. Cancellation, a timeout, a failure or a stream cut short become the
/// answer's status and one line; this never throws for them.
/// </summary>
internal sealed class AnswerReader
{
    private readonly IChatClient _client;
    private readonly ChatSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<ChatResponseUpdate, string?>? _cacheHitOf;
    private int _tracedRequest;
    private int _tracedUpdate;

    /// <param name="client">The model pipeline.</param>
    /// <param name="settings">The timeout and Ollama's address, for the error lines.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">For failure details.</param>
    /// <param name="cacheHitOf">Says whether an update was replayed by a response cache ("exact" or "near"); <see langword="null"/> without one.</param>
    public AnswerReader(IChatClient client, ChatSettings settings, TimeProvider time, ILogger logger, Func<ChatResponseUpdate, string?>? cacheHitOf)
    {
        _client = client;
        _settings = settings;
        _time = time;
        _logger = logger;
        _cacheHitOf = cacheHitOf;
    }

    public async Task<StreamedAnswer> ReadAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, AnswerStream shown, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var answer = new StreamedAnswer(shown, _time, _cacheHitOf);
        var ollama = _settings.OllamaDisplayUri;
        try
        {
            StartupTrace.MarkFirst("model: first request", ref _tracedRequest);
            await foreach (var update in _client.GetStreamingResponseAsync(messages, options, linked.Token).ConfigureAwait(false))
            {
                StartupTrace.MarkFirst("model: first update", ref _tracedUpdate);
                timeout.CancelAfter(_settings.Timeout);
                answer.Add(update);
            }

            if (linked.IsCancellationRequested)
            {
                // OllamaSharp may end the stream quietly when cancelled instead of throwing.
                throw new OperationCanceledException(linked.Token);
            }

            if (!answer.Finished)
            {
                answer.Status = TurnStatus.Failed;
                answer.Failure = "Ollama closed the stream before the answer was complete. The partial answer is kept and marked as cut.";
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or IOException)
        {
            answer.Status = TurnStatus.Cancelled;
            answer.Failure = null;
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or IOException)
        {
            answer.Status = TurnStatus.Failed;
            answer.Failure = ChatErrors.TimedOut(ollama, _settings.Timeout);
            ChatLog.TimedOut(_logger, e, _settings.Timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException || !linked.IsCancellationRequested)
        {
            answer.Status = TurnStatus.Failed;
            answer.Failure = ChatErrors.Describe(e, ollama, options.ModelId ?? _settings.Model, _settings.Timeout);
            ChatLog.TurnFailed(_logger, e);
        }

        answer.Complete();
        return answer;
    }
}
