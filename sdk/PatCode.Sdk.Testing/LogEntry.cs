using Microsoft.Extensions.Logging;

namespace PatCode.Sdk.Testing;

/// <summary>One entry a plugin wrote to its logger.</summary>
public sealed class LogEntry
{
    internal LogEntry(LogLevel level, EventId eventId, string message, Exception? exception)
    {
        Level = level;
        EventId = eventId;
        Message = message;
        Exception = exception;
    }

    /// <summary>The entry's level.</summary>
    public LogLevel Level { get; }

    /// <summary>The entry's event id.</summary>
    public EventId EventId { get; }

    /// <summary>The formatted message.</summary>
    public string Message { get; }

    /// <summary>The exception logged with it, if any.</summary>
    public Exception? Exception { get; }
}
