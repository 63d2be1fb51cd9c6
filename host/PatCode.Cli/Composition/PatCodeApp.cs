using Microsoft.Extensions.Logging;
using PatCode.Cli.Commands;
using PatCode.Cli.Logging;
using PatCode.Core;
using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Core.Console;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Commands;
using PatCode.Core.Plugins.Installation;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Core.Services;
using PatCode.Caching;
using PatCode.Caching.Commands;
using PatCode.Telemetry;
using PatCode.Telemetry.Logging;

namespace PatCode.Cli.Composition;

/// <summary>
/// The composition root: turns the configuration into the services one run of PatCode needs. Only what is
/// used gets built, so one-shot commands stay fast.
/// </summary>
internal sealed class PatCodeApp : IAsyncDisposable
{
    private PatCodeApp(PatCodePaths paths, PatCodeConfiguration configuration, IUserOutput output, DeferredLoggerFactory loggers, Lazy<TelemetryService> telemetry, Lazy<ResponseCache> cache, PluginHost plugins, CommandRouter router)
    {
        Cache = cache;
        Telemetry = telemetry;
        Paths = paths;
        Configuration = configuration;
        Output = output;
        Loggers = loggers;
        Plugins = plugins;
        Router = router;
    }

    public PatCodePaths Paths { get; }

    public PatCodeConfiguration Configuration { get; }

    public IUserOutput Output { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Started on first use: before plugins load in the REPL, never for a plain listing.</summary>
    public Lazy<TelemetryService> Telemetry { get; }

    /// <summary>Opened on first use, like telemetry: the chat, a plugin or /cache.</summary>
    public Lazy<ResponseCache> Cache { get; }

    public PluginHost Plugins { get; }

    /// <summary>Every command: /help and /quit, the host's, the chat's (see <see cref="ChatWiring"/>) and the plugins'.</summary>
    public CommandRouter Router { get; }

    public static IReadOnlyList<ConfigKey> ConfigKeys { get; } = [.. CoreConfigKeys.All, .. Chat.ChatConfigKeys.All, .. CacheConfigKeys.All, .. TelemetryConfigKeys.All];

    public static PatCodeApp Create(PatCodePaths paths, PatCodeConfiguration configuration, IUserOutput output)
    {
        // Secrets are redacted before anything reaches the log file.
        var loggers = new DeferredLoggerFactory(() => PatCodeLogging.CreateFileLoggerFactory(
            paths.Logs, configuration.GetRequired(CoreConfigKeys.LogLevel), (writeTo, file) => writeTo.Redacted(file)));
        var telemetry = new Lazy<TelemetryService>(() => Traced("telemetry pipeline", () => TelemetryService.Create(configuration, loggers, TimeProvider.System)));
        var cache = new Lazy<ResponseCache>(() => Traced("cache open", () => ResponseCacheFactory.Create(configuration, paths, loggers, TimeProvider.System)));
        var services = new DefaultPluginServiceFactory(name => cache.Value.ForPlugin(name), name => telemetry.Value.ForPlugin(name));
        var workingDirectory = Environment.CurrentDirectory;
        PluginHost? plugins = null;
        var router = CommandRouter.WithHelpAndQuit(() => plugins!.Commands, workingDirectory, loggers.CreateLogger("PatCode.Commands"));
        plugins = new PluginHost(PluginOptions(paths, configuration, router.IsHostCommand), services, loggers);
        var installLimits = new PluginInstallLimits { MaxUnpackedBytes = configuration.GetInt64(CoreConfigKeys.PluginMaxUnpackedBytes) };
        router.Add(new PluginsCommand(plugins, paths.UserPlugins, installLimits, () => new Packages.PluginFeedCommands(plugins, paths.UserPlugins, workingDirectory, loggers)))
            .Add(new DeferredHostCommand("telemetry", "show, export or clear this session's metrics, events and traces", ["telemetry", "telemetry stats", "telemetry events [info|warning|error] [N]", "telemetry export [file]", "telemetry clear"], () => telemetry.Value.CreateCommand()))
            .Add(new DeferredHostCommand("cache", "response cache statistics; clear it, or remove expired entries", ["cache", "cache stats", "cache clear", "cache cleanup"], () => new CacheCommand(cache.Value)));
        return new PatCodeApp(paths, configuration, output, loggers, telemetry, cache, plugins, router);
    }

    public async ValueTask DisposeAsync()
    {
        await Plugins.DisposeAsync();
        if (Telemetry.IsValueCreated)
        {
            Telemetry.Value.Dispose();
        }

        if (Cache.IsValueCreated)
        {
            await Cache.Value.DisposeAsync();
        }

        Loggers.Dispose();
    }

    private static T Traced<T>(string what, Func<T> create)
    {
        StartupTrace.Mark(what + ": start");
        var value = create();
        StartupTrace.Mark(what + ": done");
        return value;
    }

    private static PluginHostOptions PluginOptions(PatCodePaths paths, PatCodeConfiguration configuration, Func<string, bool> isHostCommand)
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
