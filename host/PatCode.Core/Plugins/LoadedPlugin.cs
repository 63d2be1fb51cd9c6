using System.Composition.Hosting;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>
/// A plugin that is loaded: its instance, the services it was given and the load context that holds its
/// code. <see cref="Release"/> drops every reference the host has, so the context can be collected.
/// </summary>
internal sealed class LoadedPlugin
{
    private PluginLoader? _loader;
    private CompositionHost? _container;

    public LoadedPlugin(DiscoveredPlugin source, Plugin instance, IPluginServices services, ILogger logger, PluginLoader loader, CompositionHost container)
    {
        Source = source;
        Instance = instance;
        Services = services;
        Logger = logger;
        Name = source.Name;
        _loader = loader;
        _container = container;
        LoadContext = new WeakReference(loader.LoadContext);
    }

    public string Name { get; }

    public DiscoveredPlugin Source { get; }

    public Plugin Instance { get; private set; }

    public IPluginServices Services { get; private set; }

    public ILogger Logger { get; }

    /// <summary>Consecutive failed calls; three in a row fault the plugin.</summary>
    public int ConsecutiveFailures;

    /// <summary>Lets tests and the benchmark prove the load context was really collected.</summary>
    public WeakReference LoadContext { get; }

    public void Release()
    {
        (Services as IDisposable)?.Dispose();
        Services = null!;
        Instance = null!;
        _container?.Dispose();
        _container = null;
        _loader?.Dispose();
        _loader = null;
    }
}
