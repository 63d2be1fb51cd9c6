using System.Globalization;
using PatCode.Core.Plugins.Installation;

namespace PatCode.Core.Configuration;

/// <summary>The host's own settings, plugins and logging; the composition root adds <see cref="All"/> to the keys it loads, with the features' (chat, cache, telemetry).</summary>
public static class CoreConfigKeys
{
    public const string PluginsEnabled = "plugins.enabled";
    public const string PluginsAutoDiscover = "plugins.autoDiscover";
    public const string PluginDirectories = "plugins.dirs";
    public const string TrustedPluginDirectories = "plugins.trustedDirs";
    public const string PluginMaxUnpackedBytes = "plugins.maxUnpackedBytes";
    public const string PluginTimeoutSeconds = "plugins.timeoutSeconds";
    public const string DefaultPluginIsolation = "plugins.isolation";
    public const string PluginCanHandleDeadlineMs = "plugins.canHandleDeadlineMs";
    public const string PluginWorkerMemoryMB = "plugins.workerMemoryMB";
    public const string PluginWorkerMaxMessageMB = "plugins.workerMaxMessageMB";
    public const string LogLevel = "log.level";

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new(PluginsEnabled, "Run plugins at all", "true")
        {
            EnvironmentVariables = ["PLUGINS_ENABLED"],
            Validate = Validators.Boolean,
        },
        new(PluginsAutoDiscover, "Look for plugins in the user's plugins folder", "true")
        {
            EnvironmentVariables = ["PLUGINS_AUTO_DISCOVER"],
            Validate = Validators.Boolean,
        },
        new(PluginDirectories, "More plugin folders; their plugins need enabling like the user's", "")
        {
            EnvironmentVariables = ["PATCODE_PLUGINS_DIRS"],
            Flag = "--plugins-dir",
        },
        new(TrustedPluginDirectories, "Plugin folders trusted without enabling or hash pinning, for plugin development: only folders you write yourself, as absolute paths", "")
        {
            EnvironmentVariables = ["PATCODE_TRUSTED_PLUGINS_DIRS"],

            // A relative entry would be found in whatever folder PatCode starts in, so any repository could supply it.
            Validate = Validators.AbsolutePaths,
        },
        new(PluginTimeoutSeconds, "How long one plugin may take per message before it is cancelled and abandoned", "2")
        {
            EnvironmentVariables = ["PATCODE_PLUGIN_TIMEOUT"],
            Validate = Validators.Number(0.05, 600),
        },
        new(PluginMaxUnpackedBytes, "The most a plugin package may unpack to when installed, in bytes", PluginInstallLimits.DefaultMaxUnpackedBytes.ToString(CultureInfo.InvariantCulture))
        {
            EnvironmentVariables = ["PATCODE_PLUGINS_MAX_UNPACKED_BYTES"],
            Validate = Validators.WholeNumber(1024 * 1024, 64L * 1024 * 1024 * 1024),
        },
        new(DefaultPluginIsolation, "Where plugins from your folder and --plugins-dir run unless set per plugin with /plugins isolate: process (a worker each) or in-process", "process")
        {
            EnvironmentVariables = ["PATCODE_PLUGIN_ISOLATION"],
            Validate = Validators.OneOf("process", "in-process"),
        },
        new(PluginCanHandleDeadlineMs, "How long one plugin's CanHandle may take per message before the plugin is skipped for it and the call counts as a failure (its first call may take up to 1 s, for start-up)", "50")
        {
            EnvironmentVariables = ["PATCODE_PLUGIN_CANHANDLE_DEADLINE_MS"],
            Validate = Validators.WholeNumber(1, 60_000),
        },
        new(PluginWorkerMemoryMB, "Memory cap of one plugin worker in MB (its GC heap hard limit); a worker over it fails with out of memory", "512")
        {
            EnvironmentVariables = ["PATCODE_PLUGIN_WORKER_MEMORY_MB"],
            Validate = Validators.WholeNumber(32, 1_048_576),
        },
        new(PluginWorkerMaxMessageMB, "Largest message in MB that may cross between PatCode and a plugin worker; a worker sending more is stopped", "16")
        {
            EnvironmentVariables = ["PATCODE_PLUGIN_WORKER_MAX_MESSAGE_MB"],
            Validate = Validators.WholeNumber(1, 1024),
        },
        new(LogLevel, "Lowest level written to ~/.patcode/logs", "Information")
        {
            EnvironmentVariables = ["PATCODE_LOG_LEVEL"],
            Validate = Validators.OneOf("Verbose", "Debug", "Information", "Warning", "Error"),
        },
    ];
}
