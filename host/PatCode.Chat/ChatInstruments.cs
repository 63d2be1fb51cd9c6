using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;

namespace PatCode.Chat;

/// <summary>The chat's metrics on the host's shared meter; with no listener attached they cost next to nothing.</summary>
internal static class ChatInstruments
{
    public static readonly Counter<long> Turns = PatCodeDiagnostics.Meter.CreateCounter<long>(InstrumentNames.ChatTurns, "{turn}", "Chat turns, by model and outcome.");

    public static readonly Counter<long> Tokens = PatCodeDiagnostics.Meter.CreateCounter<long>(InstrumentNames.ChatTokens, "{token}", "Tokens sent and received, by model and direction.");

    public static readonly Histogram<double> TimeToFirstToken = PatCodeDiagnostics.Meter.CreateHistogram<double>(InstrumentNames.ChatTimeToFirstToken, "ms", "Time from sending the request to the first token.");

    public static readonly Histogram<double> TokensPerSecond = PatCodeDiagnostics.Meter.CreateHistogram<double>(InstrumentNames.ChatTokensPerSecond, "{token}/s", "Generation speed reported by Ollama.");
}
