using Microsoft.Extensions.Logging;
using NuGet.Common;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using NuGetLogLevel = NuGet.Common.LogLevel;

namespace PatCode.Packages;

/// <summary>Sends what NuGet's client says to PatCode's log file; the user sees only the commands' own lines.</summary>
internal sealed class NuGetLogAdapter(ILogger logger) : LoggerBase
{
    public override void Log(ILogMessage message)
    {
        var level = message.Level switch
        {
            NuGetLogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
            NuGetLogLevel.Warning => Microsoft.Extensions.Logging.LogLevel.Warning,
            NuGetLogLevel.Information or NuGetLogLevel.Minimal => Microsoft.Extensions.Logging.LogLevel.Information,
            _ => Microsoft.Extensions.Logging.LogLevel.Debug,
        };
#pragma warning disable CA1848, CA2254 // NuGet's messages are already formatted text.
        logger.Log(level, "NuGet {Code}: {Message}", message.Code, message.Message);
#pragma warning restore CA1848, CA2254
    }

    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}
