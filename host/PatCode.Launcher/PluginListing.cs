using Microsoft.Extensions.Logging;
using PatCode.Cli.Composition;
using PatCode.Cli.Output;
using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Commands;

namespace PatCode.Launcher;

/// <summary>
/// <c>patcode plugins list</c> (or <c>patcode plugins</c>), with any <c>--plugins-dir</c> folders, answered by
/// the managed host's own code (<see cref="HostSetup"/>, <see cref="PluginHost"/>, <see cref="PluginsCommand"/>):
/// it reads manifests, assembly metadata and plugins.json, and loads nothing.
/// </summary>
internal static class PluginListing
{
    private const string PluginsDirOption = "--plugins-dir";

    /// <summary>
    /// The command-line flags when <paramref name="args"/> asks for the list in a form this front end knows for
    /// sure; otherwise <see langword="null"/> and the managed host parses them (and reports any mistake).
    /// </summary>
    public static Dictionary<string, string>? TryParse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var folders = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == PluginsDirOption && i + 1 < args.Count && args[i + 1].Length > 0 && !args[i + 1].StartsWith('-'))
            {
                folders.Add(args[++i]);
            }
            else if (arg.StartsWith('-'))
            {
                return null;
            }
            else
            {
                words.Add(arg);
            }
        }

        return words is ["plugins"] or ["plugins", "list"] ? HostSetup.CommandLineFlags(folders, model: null, verbose: false) : null;
    }

    /// <summary>As <c>patcode plugins list</c> in the managed host: one line for any failure, details in the log.</summary>
    public static async Task<int> RunAsync(Dictionary<string, string> flags)
    {
        var output = new ConsoleOutput();
        try
        {
            var (paths, configuration) = HostSetup.LoadConfiguration(flags, output);
            using var loggers = HostSetup.CreateLoggers(paths, configuration);
            await using var plugins = new PluginHost(HostSetup.PluginOptions(paths, configuration, static _ => false), new NoPluginServices(), loggers);
            foreach (var warning in plugins.StartupWarnings)
            {
                output.WriteWarning(warning);
            }

            try
            {
                return await new PluginsCommand(plugins, paths.UserPlugins).ExecuteAsync(new CommandInvocation(["list"], output, InRepl: false), CancellationToken.None);
            }
            catch (Exception e)
            {
                loggers.CreateLogger("PatCode").LogCritical(e, "Unexpected failure");
                output.WriteError($"unexpected failure: {e.GetType().Name}: {e.Message.Split('\n')[0]} (details in {paths.Logs})");
                return ExitCodes.Failure;
            }
        }
        catch (ConfigurationException e)
        {
            output.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // Before the log could be opened: the one line is all there is, and never a stack trace.
            output.WriteError($"unexpected failure: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return ExitCodes.Failure;
        }
    }
}
