using System.Text;
using Microsoft.Extensions.AI;
using PatCode.Chat.Answers;
using PatCode.Chat.Ollama;

namespace PatCode.Chat;

/// <summary>
/// One answer as it streams in: its text (shown to the user as it arrives), when the first token came, the usage
/// figures, the finish reason and whether a response cache replayed it. <see cref="AnswerReader"/> fills it and
/// sets how the stream ended.
/// </summary>
internal sealed class StreamedAnswer
{
    private readonly StringBuilder _text = new();
    private readonly OllamaUsage _usage = new();
    private readonly AnswerStream _shown;
    private readonly TimeProvider _time;
    private readonly Func<ChatResponseUpdate, string?>? _cacheHitOf;
    private readonly long _sent;
    private long _firstTokenAt;
    private TimeSpan? _firstToken;
    private string? _cacheHit;

    public StreamedAnswer(AnswerStream shown, TimeProvider time, Func<ChatResponseUpdate, string?>? cacheHitOf)
    {
        _shown = shown;
        _time = time;
        _cacheHitOf = cacheHitOf;
        _sent = time.GetTimestamp();
    }

    public string Text => _text.ToString();

    public bool HasText => _text.Length > 0;

    public TurnStatus Status { get; set; } = TurnStatus.Completed;

    /// <summary>The line that says what went wrong; <see langword="null"/> when nothing did or the user cancelled.</summary>
    public string? Failure { get; set; }

    public ChatFinishReason? FinishReason { get; private set; }

    /// <summary>Whether the stream ended as a complete answer does (usage, a final line or a finish reason).</summary>
    public bool Finished => _usage.Done || FinishReason is not null;

    public void Add(ChatResponseUpdate update)
    {
        var text = update.Text;
        if (text.Length > 0)
        {
            if (_firstToken is null)
            {
                _firstTokenAt = _time.GetTimestamp();
                _firstToken = _time.GetElapsedTime(_sent, _firstTokenAt);
            }

            _text.Append(text);
            _shown.Write(text);
        }

        FinishReason ??= update.FinishReason;
        _cacheHit ??= _cacheHitOf?.Invoke(update);
        _usage.Read(update);
    }

    /// <summary>Ends the answer's last line (and stops the waiting spinner), so warnings and figures come after it.</summary>
    public void Complete() => _shown.Complete();

    /// <summary>The figures of this answer; <paramref name="started"/> is when the turn began.</summary>
    public TurnMetrics Metrics(long started) => new()
    {
        InputTokens = _usage.InputTokens,
        OutputTokens = _usage.OutputTokens,
        EvalDuration = _usage.EvalDuration,
        TimeToFirstToken = _firstToken,
        GenerationTime = _firstToken is null ? null : _time.GetElapsedTime(_firstTokenAt),
        Total = _time.GetElapsedTime(started),
        CacheHit = _cacheHit,
    };
}
