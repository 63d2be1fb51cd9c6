namespace PatCode.Chat;

/// <summary>
/// The figures of one answer: token counts and Ollama's own generation time from its final line, time to
/// first token as PatCode measured it, and the host's own time around the model call.
/// </summary>
public sealed record TurnMetrics
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>Ollama's <c>eval_duration</c>.</summary>
    public TimeSpan? EvalDuration { get; init; }

    public TimeSpan? TimeToFirstToken { get; init; }

    public TimeSpan Total { get; init; }

    /// <summary><c>eval_count / eval_duration</c>, as Ollama's <c>--verbose</c> computes it.</summary>
    public double? TokensPerSecond =>
        OutputTokens is { } count && EvalDuration is { TotalSeconds: > 0 } duration ? count / duration.TotalSeconds : null;
}
