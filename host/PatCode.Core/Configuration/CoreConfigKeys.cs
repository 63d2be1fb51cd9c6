using System.Globalization;
using PatCode.Core.Plugins;

namespace PatCode.Core.Configuration;

/// <summary>The host's own settings: plugins and logging. Features add theirs (chat, cache, telemetry).</summary>
public static class CoreConfigKeys
{
    public static readonly ConfigKey PluginsEnabled = new("plugins.enabled", "Run plugins at all (the prototype's PLUGINS_ENABLED)", "true")
    {
        EnvironmentVariables = ["PLUGINS_ENABLED"],
        Validate = Validators.Boolean,
    };

    public static readonly ConfigKey PluginsAutoDiscover = new("plugins.autoDiscover", "Look for plugins in the user's plugins folder (the prototype's PLUGINS_AUTO_DISCOVER)", "true")
    {
        EnvironmentVariables = ["PLUGINS_AUTO_DISCOVER"],
        Validate = Validators.Boolean,
    };

    public static readonly ConfigKey PluginDirectories = new("plugins.dirs", "More plugin folders; their plugins need enabling like the user's", "")
    {
        EnvironmentVariables = ["PATCODE_PLUGINS_DIRS"],
        Flag = "--plugins-dir",
    };

    public static readonly ConfigKey TrustedPluginDirectories = new("plugins.trustedDirs", "Plugin folders trusted without enabling or hash pinning, for plugin development: only folders you write yourself, as absolute paths", "")
    {
        EnvironmentVariables = ["PATCODE_TRUSTED_PLUGINS_DIRS"],

        // A relative entry would be found in whatever folder PatCode starts in, so any repository could supply it.
        Validate = Validators.AbsolutePaths,
    };

    public static readonly ConfigKey PluginMaxUnpackedBytes = new("plugins.maxUnpackedBytes", "The most a plugin package may unpack to when installed, in bytes", PluginInstallLimits.DefaultMaxUnpackedBytes.ToString(CultureInfo.InvariantCulture))
    {
        EnvironmentVariables = ["PATCODE_PLUGINS_MAX_UNPACKED_BYTES"],
        Validate = Validators.WholeNumber(1024 * 1024, 64L * 1024 * 1024 * 1024),
    };

    public static readonly ConfigKey PluginTimeoutSeconds = new("plugins.timeoutSeconds", "How long one plugin may take per message before it is cancelled and abandoned", "2")
    {
        EnvironmentVariables = ["PATCODE_PLUGIN_TIMEOUT"],
        Validate = Validators.Number(0.05, 600),
    };

    public static readonly ConfigKey LogLevel = new("log.level", "Lowest level written to ~/.patcode/logs", "Information")
    {
        EnvironmentVariables = ["PATCODE_LOG_LEVEL"],
        Validate = Validators.OneOf("Verbose", "Debug", "Information", "Warning", "Error"),
    };

    public static IReadOnlyList<ConfigKey> All { get; } =
        [PluginsEnabled, PluginsAutoDiscover, PluginDirectories, TrustedPluginDirectories, PluginTimeoutSeconds, PluginMaxUnpackedBytes, LogLevel];
}
