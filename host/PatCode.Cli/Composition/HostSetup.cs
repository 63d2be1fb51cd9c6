using PatCode.Caching;
using PatCode.Cli.Logging;
using PatCode.Core;
using PatCode.Core.Configuration;
using PatCode.Core.Console;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Telemetry;
using PatCode.Telemetry.Logging;

namespace PatCode.Cli.Composition;

/// <summary>
/// The first steps of every run: paths, configuration, the log and the plugin host's options. Shared by the
/// composition root and by the native front end (host/PatCode.Launcher compiles this file in), so a
/// <c>patcode plugins list</c> answered by either reads the same files the same way.
/// </summary>
internal static class HostSetup
{
    public static IReadOnlyList<ConfigKey> ConfigKeys { get; } = [.. CoreConfigKeys.All, .. Chat.ChatConfigKeys.All, .. CacheConfigKeys.All, .. TelemetryConfigKeys.All];

    /// <summary>The command line's settings as configuration keys (they win over config.json and the environment).</summary>
    public static Dictionary<string, string> CommandLineFlags(IReadOnlyList<string>? pluginDirectories, string? model, bool verbose)
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (pluginDirectories is { Count: > 0 })
        {
            flags[CoreConfigKeys.PluginDirectories] = string.Join(Path.PathSeparator, pluginDirectories);
        }

        if (model is { Length: > 0 })
        {
            flags[Chat.ChatConfigKeys.Model] = model;
        }

        if (verbose)
        {
            flags[Chat.ChatConfigKeys.Verbose] = "true";
        }

        return flags;
    }

    /// <summary>Finds PatCode's folders (warning about any others can write to) and loads config.json, the environment and <paramref name="flags"/>.</summary>
    /// <exception cref="ConfigurationException">A value is invalid; the message says which and how to fix it.</exception>
    public static (PatCodePaths Paths, PatCodeConfiguration Configuration) LoadConfiguration(Dictionary<string, string> flags, IUserOutput output)
    {
        var paths = PatCodePaths.FromEnvironment();
        foreach (var warning in paths.SecureStateFolders())
        {
            output.WriteWarning(warning);
        }

        // A plain loop: LINQ over DictionaryEntry (a struct) is JIT-compiled on every start, ReadyToRun cannot hold it.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value;
        }

        var configuration = PatCodeConfiguration.Load(ConfigKeys, paths.ConfigFile, environment, flags);
        StartupTrace.Mark("configuration loaded");
        return (paths, configuration);
    }

    /// <summary>The log file's factory, opened on the first line logged. Secrets are redacted before anything reaches the file.</summary>
    public static DeferredLoggerFactory CreateLoggers(PatCodePaths paths, PatCodeConfiguration configuration)
    {
        var level = configuration.GetRequired(CoreConfigKeys.LogLevel);
        return new(() => PatCodeLogging.CreateRedactedFileLoggerFactory(paths.Logs, level), DeferredLoggerFactory.LevelNamed(level));
    }

    public static PluginHostOptions PluginOptions(PatCodePaths paths, PatCodeConfiguration configuration, Func<string, bool> isHostCommand)
    {
        var roots = new List<PluginRoot> { new(PatCodePaths.BuiltinPlugins, PluginSource.Builtin) };
        if (configuration.GetBoolean(CoreConfigKeys.PluginsAutoDiscover))
        {
            roots.Add(new PluginRoot(paths.UserPlugins, PluginSource.User));
        }

        roots.AddRange(configuration.GetList(CoreConfigKeys.PluginDirectories).Select(d => new PluginRoot(Path.GetFullPath(d), PluginSource.Configured)));
        roots.AddRange(configuration.GetList(CoreConfigKeys.TrustedPluginDirectories).Select(d => new PluginRoot(Path.GetFullPath(d), PluginSource.Development)));
        var isolation = PluginIsolationNames.TryParse(configuration.GetRequired(CoreConfigKeys.DefaultPluginIsolation), out var chosen) ? chosen : PluginIsolation.Process;
        return new PluginHostOptions(roots, paths.PluginState)
        {
            ExecuteTimeout = configuration.GetSeconds(CoreConfigKeys.PluginTimeoutSeconds),
            CanHandleDeadline = TimeSpan.FromMilliseconds(configuration.GetInt64(CoreConfigKeys.PluginCanHandleDeadlineMs)),
            PluginsEnabled = configuration.GetBoolean(CoreConfigKeys.PluginsEnabled),
            DefaultIsolation = isolation,
            Workers = new WorkerOptions
            {
                MemoryLimitMegabytes = configuration.GetInt32(CoreConfigKeys.PluginWorkerMemoryMB),
                MaxMessageBytes = configuration.GetInt32(CoreConfigKeys.PluginWorkerMaxMessageMB) * 1024 * 1024,
            },
            IsReservedCommandName = isHostCommand,
        };
    }
}
