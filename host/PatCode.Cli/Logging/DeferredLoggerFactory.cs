using Microsoft.Extensions.Logging;

namespace PatCode.Cli.Logging;

/// <summary>
/// Creates the real logger factory only when something at or above the log's level is first logged, so a run
/// that logs nothing (<c>patcode plugins list</c>, a healthy <c>ask</c>) never pays for loading Serilog and
/// opening the log file.
/// </summary>
internal sealed class DeferredLoggerFactory : ILoggerFactory
{
    private readonly Lazy<ILoggerFactory> _inner;

    /// <param name="create">Creates the real factory.</param>
    /// <param name="minimumLevel">The real factory's lowest level: anything below it is dropped without creating it.</param>
    public DeferredLoggerFactory(Func<ILoggerFactory> create, LogLevel minimumLevel)
    {
        _inner = new Lazy<ILoggerFactory>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        MinimumLevel = minimumLevel;
    }

    public LogLevel MinimumLevel { get; }

    public bool IsCreated => _inner.IsValueCreated;

    /// <summary>The level a <c>log.level</c> value (a Serilog level name) stands for.</summary>
    public static LogLevel LevelNamed(string name) => name.ToUpperInvariant() switch
    {
        "VERBOSE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    public ILogger CreateLogger(string categoryName) => new DeferredLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => _inner.Value.AddProvider(provider);

    public void Dispose()
    {
        if (_inner.IsValueCreated)
        {
            _inner.Value.Dispose();
        }
    }

    private sealed class DeferredLogger(DeferredLoggerFactory owner, string category) : ILogger
    {
        private ILogger? _logger;

        private ILogger Logger => _logger ??= owner._inner.Value.CreateLogger(category);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => Logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (owner.IsCreated ? Logger.IsEnabled(logLevel) : logLevel >= owner.MinimumLevel);

        // LoggerExtensions.Log does not ask IsEnabled first: a line below the level must not create the log.
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
