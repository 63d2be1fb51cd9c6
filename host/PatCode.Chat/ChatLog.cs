using Microsoft.Extensions.Logging;

namespace PatCode.Chat;

/// <summary>The chat's log messages (source-generated, so a disabled level costs nothing).</summary>
internal static partial class ChatLog
{
    [LoggerMessage(1, LogLevel.Warning, "Plugin {Plugin} {Outcome}: {Error}")]
    public static partial void PluginFailed(ILogger logger, string plugin, string outcome, string? error);

    [LoggerMessage(2, LogLevel.Warning, "Refused a message of {Chars} characters: {Reason}")]
    public static partial void Refused(ILogger logger, int chars, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Prompt truncated: {Truncation}")]
    public static partial void Truncated(ILogger logger, string truncation);

    [LoggerMessage(4, LogLevel.Warning, "Ollama request timed out after {Timeout}")]
    public static partial void TimedOut(ILogger logger, Exception exception, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Error, "Chat turn failed")]
    public static partial void TurnFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Could not save the history to {File}")]
    public static partial void HistoryWriteFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(7, LogLevel.Warning, "Skipped {Count} unreadable line(s) in {File} (a crash mid-write leaves one)")]
    public static partial void HistoryLinesSkipped(ILogger logger, int count, string file);

    [LoggerMessage(8, LogLevel.Debug, "Could not read the context length of {Model}")]
    public static partial void ContextLengthUnknown(ILogger logger, Exception exception, string model);

    [LoggerMessage(14, LogLevel.Debug, "Could not list the models' digests; the response cache uses the last ones it saw")]
    public static partial void DigestsUnknown(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Transient failure talking to Ollama; retry {Attempt} of {Retries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, Exception exception, int attempt, int retries, double delayMs);

    [LoggerMessage(10, LogLevel.Warning, "Command failed: {Command}")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(11, LogLevel.Error, "The plugin chain failed; answering without plugin context")]
    public static partial void ChainFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "Unexpected failure in a chat turn")]
    public static partial void TurnCrashed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Could not read or write the input history {File}")]
    public static partial void InputHistoryFailed(ILogger logger, Exception exception, string file);
}
