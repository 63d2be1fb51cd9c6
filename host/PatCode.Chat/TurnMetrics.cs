namespace PatCode.Chat;

/// <summary>
/// The figures of one answer: token counts and Ollama's own generation time from its final line, time to
/// first token and generation time as PatCode measured them, and the host's own time around the model call.
/// The verbose line and the patcode.chat.* metrics are both computed from this one record.
/// </summary>
public sealed record TurnMetrics
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>Ollama's <c>eval_duration</c>.</summary>
    public TimeSpan? EvalDuration { get; init; }

    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>From the first token to the end of the stream, as PatCode measured it.</summary>
    public TimeSpan? GenerationTime { get; init; }

    public TimeSpan Total { get; init; }

    /// <summary>"exact" or "near" when a response-cache middleware answered instead of the model.</summary>
    public string? CacheHit { get; init; }

    /// <summary>
    /// Output tokens per second of generation: <c>eval_count / eval_duration</c> as Ollama's <c>--verbose</c>
    /// computes it, or over <see cref="GenerationTime"/> when the server reports no eval_duration.
    /// </summary>
    public double? TokensPerSecond =>
        OutputTokens is { } count && (EvalDuration ?? GenerationTime) is { TotalSeconds: > 0 } duration ? count / duration.TotalSeconds : null;
}
