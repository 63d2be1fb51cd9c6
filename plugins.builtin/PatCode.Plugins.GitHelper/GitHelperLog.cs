using Microsoft.Extensions.Logging;

namespace PatCode.Plugins.GitHelper;

/// <summary>GitHelper's log messages, generated so logging costs nothing when the level is off.</summary>
internal static partial class GitHelperLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the git repository at {Directory}")]
    public static partial void RepositoryReadFailed(ILogger logger, Exception exception, string directory);
}
