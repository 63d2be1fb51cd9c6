using Microsoft.Extensions.Logging;

namespace PatCode.Caching.Diagnostics;

/// <summary>The cache's log messages. None of them carries a key, a prompt or a value.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Cache database {Path} could not be read; moved it to {MovedTo} and started a fresh cache")]
    public static partial void MovedCorruptDatabase(this ILogger logger, Exception exception, string path, string movedTo);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Could not save the cache's counters on close")]
    public static partial void CountersNotSaved(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not reload the cache index")]
    public static partial void ReloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Cache {Operation} failed; carrying on without the cache for this call")]
    public static partial void OperationFailed(this ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Not caching a value in partition {Partition}: it, or the prompt or key it answers, looks like it holds a secret")]
    public static partial void RefusedSecret(this ILogger logger, string partition);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The cache could not be opened; running without it")]
    public static partial void OpenFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Not caching the answer: {Reason}")]
    public static partial void AnswerNotCached(this ILogger logger, string reason);
}
