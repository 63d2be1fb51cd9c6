using System.Globalization;
using Microsoft.Extensions.Logging;
using PatCode.Core;
using PatCode.Telemetry.Logging;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace PatCode.Cli.Logging;

/// <summary>
/// Serilog writing to a rolling, size-capped file in ~/.patcode/logs, bridged to Microsoft.Extensions.Logging.
/// Nothing is logged to the console: plugin and host logs never mix with the chat. The folder is 0700 and
/// the files 0600: logs hold prompts, paths and plugin output.
/// </summary>
internal static class PatCodeLogging
{
    /// <summary>The file log patcode writes: secrets are redacted before anything reaches the file.</summary>
    /// <remarks>Serilog's types appear only in here, so a run that logs nothing never loads Serilog.</remarks>
    public static ILoggerFactory CreateRedactedFileLoggerFactory(string logDirectory, string minimumLevel) =>
        CreateFileLoggerFactory(logDirectory, minimumLevel, static (writeTo, file) => writeTo.Redacted(file));

    /// <param name="logDirectory">Where the files go; created user-only.</param>
    /// <param name="minimumLevel">A Serilog level name.</param>
    /// <param name="wrapSinks">Wraps the file sink, e.g. in a redacting sink so secrets never reach the file.</param>
    public static ILoggerFactory CreateFileLoggerFactory(
        string logDirectory,
        string minimumLevel,
        Func<LoggerSinkConfiguration, Action<LoggerSinkConfiguration>, LoggerConfiguration>? wrapSinks = null)
    {
        PatCodePaths.EnsurePrivateDirectory(logDirectory);
        var level = Enum.TryParse<LogEventLevel>(minimumLevel, ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        var configuration = new LoggerConfiguration().MinimumLevel.Is(level).Enrich.FromLogContext();
        Action<LoggerSinkConfiguration> file = sinks => sinks.Sink(LoggerSinkConfiguration.Wrap(inner => new PrivateLogFileSink(inner, logDirectory), privately => privately.File(
            Path.Combine(logDirectory, "patcode-.log"),
            rollingInterval: RollingInterval.Day,
            fileSizeLimitBytes: 10 * 1024 * 1024,
            rollOnFileSizeLimit: true,
            retainedFileCountLimit: 10,
            shared: true,
            formatProvider: CultureInfo.InvariantCulture,
            outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")));
        if (wrapSinks is null)
        {
            file(configuration.WriteTo);
        }
        else
        {
            wrapSinks(configuration.WriteTo, file);
        }

        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }
}
