using Microsoft.Extensions.Logging;

namespace PatCode.Cli.Logging;

/// <summary>
/// Creates the real logger factory only when something is first logged, so commands that log nothing (such
/// as <c>patcode plugins list</c>) never pay for opening the log file.
/// </summary>
internal sealed class DeferredLoggerFactory : ILoggerFactory
{
    private readonly Lazy<ILoggerFactory> _inner;

    public DeferredLoggerFactory(Func<ILoggerFactory> create) => _inner = new Lazy<ILoggerFactory>(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public bool IsCreated => _inner.IsValueCreated;

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

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (owner.IsCreated ? Logger.IsEnabled(logLevel) : logLevel >= LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logger.Log(logLevel, eventId, state, exception, formatter);
    }
}
