using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace PatCode.Core.Logging;

/// <summary>
/// Serilog writing to a rolling, size-capped file in ~/.patcode/logs, bridged to Microsoft.Extensions.Logging.
/// Nothing is logged to the console: plugin and host logs never mix with the chat.
/// </summary>
public static class PatCodeLogging
{
    public static ILoggerFactory CreateFileLoggerFactory(string logDirectory, string minimumLevel, Func<string, string>? redact = null)
    {
        PatCodePaths.EnsurePrivateDirectory(logDirectory);
        var level = Enum.TryParse<LogEventLevel>(minimumLevel, ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.File(
                Path.Combine(logDirectory, "patcode-.log"),
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 10,
                shared: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        if (redact is not null)
        {
            configuration = configuration.Enrich.With(new RedactingEnricher(redact));
        }

        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }
}
