using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Loading.Workers.Protocol;

namespace PatCode.PluginWorker;

/// <summary>Loggers whose lines go to patcode's log: the plugin's under its name, the worker's own under PatCode.Plugins.</summary>
internal sealed class RemoteLoggerFactory(RemoteCalls calls, LogLevel minimum) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RemoteLogger(calls, categoryName, minimum);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class RemoteLogger(RemoteCalls calls, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                calls.Notify(WorkerProtocol.Log, new WorkerLogEntry(category, (int)logLevel, formatter(state, exception), exception?.ToString()));
            }
        }
    }
}
