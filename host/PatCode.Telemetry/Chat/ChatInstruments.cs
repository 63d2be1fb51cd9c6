using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;

namespace PatCode.Telemetry.Chat;

/// <summary>The patcode.chat.* instruments measured around each model call, on the host's "PatCode" meter.</summary>
internal static class ChatInstruments
{
    public const string ModelTag = "model";
    public const string DirectionTag = "direction";

    public static Histogram<double> TimeToFirstToken { get; } = PatCodeDiagnostics.Meter.CreateHistogram<double>(
        InstrumentNames.ChatTimeToFirstToken, "ms", "Time from sending a streamed request to the model's first chunk.");

    public static Counter<long> Tokens { get; } = PatCodeDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.ChatTokens, "{token}", "Tokens sent to (direction=input) and produced by (direction=output) the model.");

    public static Histogram<double> TokensPerSecond { get; } = PatCodeDiagnostics.Meter.CreateHistogram<double>(
        InstrumentNames.ChatTokensPerSecond, "{token}/s", "Output tokens per second of generation (after the first chunk when streaming).");
}
