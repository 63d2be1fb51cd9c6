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
using PatCode.Core.Services;
using PatCode.Caching;
using PatCode.Caching.Commands;
using PatCode.Telemetry;

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

    public static PatCodeApp Create(PatCodePaths paths, PatCodeConfiguration configuration, IUserOutput output)
    {
        var loggers = HostSetup.CreateLoggers(paths, configuration);
        var telemetry = new Lazy<TelemetryService>(() => Traced("telemetry pipeline", () => TelemetryService.Create(configuration, loggers, TimeProvider.System)));
        var cache = new Lazy<ResponseCache>(() => Traced("cache open", () => ResponseCacheFactory.Create(configuration, paths, loggers, TimeProvider.System)));
        var services = new DefaultPluginServiceFactory(name => cache.Value.ForPlugin(name), name => telemetry.Value.ForPlugin(name));
        var workingDirectory = Environment.CurrentDirectory;
        PluginHost? plugins = null;
        var router = CommandRouter.WithHelpAndQuit(() => plugins!.Commands, workingDirectory, loggers.CreateLogger("PatCode.Commands"));
        plugins = new PluginHost(HostSetup.PluginOptions(paths, configuration, router.IsHostCommand), services, loggers);
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
}
