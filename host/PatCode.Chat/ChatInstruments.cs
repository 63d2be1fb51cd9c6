using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;

namespace PatCode.Chat;

/// <summary>
/// The patcode.chat.* metrics, on the host's shared meter. The chat session is their one recorder: it fills
/// <see cref="TurnMetrics"/> for each answer and records from it, so /telemetry, Prometheus and the verbose
/// line show the same figures. With no listener attached they cost next to nothing.
/// </summary>
internal static class ChatInstruments
{
    public const string ModelLabel = "model";
    public const string OutcomeLabel = "outcome";
    public const string DirectionLabel = "direction";

    public static readonly Counter<long> Turns = PatCodeDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.ChatTurns, "{turn}", "Chat turns, by model and outcome (completed, failed, cancelled, refused).");

    public static readonly Counter<long> Tokens = PatCodeDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.ChatTokens, "{token}", "Tokens the model read (direction=input) and wrote (direction=output), by model; answers from the response cache are not counted.");

    public static readonly Histogram<double> TimeToFirstToken = PatCodeDiagnostics.Meter.CreateHistogram(
        InstrumentNames.ChatTimeToFirstToken, "s", "Time from sending the request to the model's first token, by model.", tags: null, HistogramBuckets.Seconds);

    public static readonly Histogram<double> TokensPerSecond = PatCodeDiagnostics.Meter.CreateHistogram(
        InstrumentNames.ChatTokensPerSecond, "{token}/s", "Generation speed, by model: output tokens over Ollama's eval_duration (over the time from first to last token when the server reports none).", tags: null, HistogramBuckets.TokensPerSecond);
}
