using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Invocation;

namespace PatCode.Core.Plugins.Loading;

/// <summary>A plugin that is loaded: where it came from, and the invoker through which every call into it goes.</summary>
internal sealed class LoadedPlugin
{
    public LoadedPlugin(DiscoveredPlugin source, PluginInvoker invoker)
    {
        Source = source;
        Invoker = invoker;
        Name = source.Name;
    }

    public string Name { get; }

    public DiscoveredPlugin Source { get; }

    public PluginInvoker Invoker { get; }

    public PluginIsolation Isolation => Invoker.Isolation;

    /// <summary>Consecutive failed calls; three in a row fault the plugin.</summary>
    public int ConsecutiveFailures;

    /// <summary>Set once the plugin is Faulted, so a run in flight does not fault it twice.</summary>
    public volatile string? Fault;

    /// <summary>Lets tests and the benchmark prove the load context was really collected (in-process plugins).</summary>
    public WeakReference LoadContext => Invoker.LoadContext;
}
