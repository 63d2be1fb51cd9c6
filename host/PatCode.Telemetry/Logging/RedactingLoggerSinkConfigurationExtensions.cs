using Serilog;
using Serilog.Configuration;
using Serilog.Events;

namespace PatCode.Telemetry.Logging;

/// <summary><c>.WriteTo.Redacted(w =&gt; w.File(path))</c>: the wrapped sinks only ever see redacted events.</summary>
public static class RedactingLoggerSinkConfigurationExtensions
{
    public static LoggerConfiguration Redacted(this LoggerSinkConfiguration writeTo, Action<LoggerSinkConfiguration> configure, LogEventLevel minimumLevel = LogEventLevel.Verbose)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        ArgumentNullException.ThrowIfNull(configure);
        return writeTo.Sink(LoggerSinkConfiguration.Wrap(sink => new RedactingSink(sink), configure), minimumLevel);
    }
}
