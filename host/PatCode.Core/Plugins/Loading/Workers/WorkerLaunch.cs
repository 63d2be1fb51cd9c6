using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>Everything needed to start one plugin's worker.</summary>
/// <param name="Plugin">The plugin's name, for the worker's command line and its log.</param>
/// <param name="Options">The memory cap, message cap, start timeout and executable.</param>
/// <param name="SocketFolder">A private folder (0700) for the socket the worker connects to.</param>
/// <param name="WorkingDirectory">Where the worker starts: PatCode's own working folder.</param>
/// <param name="OutputLogger">The plugin's log category, where the worker's stdout and stderr go.</param>
/// <param name="Callbacks">What serves the plugin's services and logger on the host side.</param>
/// <param name="MinimumLogLevel">The lowest level the host logs, so the worker does not send what would be dropped.</param>
internal sealed record WorkerLaunch(string Plugin, WorkerOptions Options, string SocketFolder, string WorkingDirectory, ILogger OutputLogger, object Callbacks, int MinimumLogLevel);
