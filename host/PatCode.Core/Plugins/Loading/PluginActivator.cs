using System.Composition;
using System.Composition.Hosting;
using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Crashes;
using PatCode.Core.Plugins.Invocation;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Loading;

/// <summary>
/// Loads one plugin into its own load context and composes it with System.Composition. The
/// contract assemblies are shared with the host (so the plugin's types match ours and MEF sees its
/// exports); everything else the plugin carries stays private to it. The host loads in-process plugins with
/// it, and a worker process loads its one plugin with it, so both modes load the same way.
/// </summary>
internal static class PluginActivator
{
    // The SDK, the MEF attribute assembly and the logging abstractions: the whole surface a plugin shares with the host.
    private static readonly Type[] SharedTypes = [typeof(Plugin), typeof(ExportAttribute), typeof(ILogger)];

    /// <summary>Loads plugin <paramref name="name"/> from <paramref name="assemblyPath"/>, composes it, reads its commands and runs its load hook.</summary>
    /// <param name="collectible">
    /// True for a context that can be unloaded (hot reload, disable). False for a load that lasts as long as the
    /// process (a built-in's first load, a worker's one plugin): the runtime uses ReadyToRun code only in
    /// non-collectible contexts, so such a plugin does not wait for the JIT on its first message.
    /// </param>
    public static async Task<InProcessInvoker> LoadAsync(
        string name,
        string assemblyPath,
        bool collectible,
        IPluginServiceFactory serviceFactory,
        ILoggerFactory loggerFactory,
        TimeSpan loadTimeout,
        InProcessCallMarker? marker,
        CancellationToken cancellationToken)
    {
        // Only the invoker may hold the load context, container and instance: locals of an async method live on
        // in its state machine, and a stray reference to the context would keep it alive.
        var loaded = Compose(name, assemblyPath, collectible, serviceFactory, loggerFactory, marker);
        await StartAsync(loaded, loadTimeout, cancellationToken);
        return loaded;
    }

    /// <summary>
    /// The first half of <see cref="LoadAsync"/>: loads the assembly into its own context and creates the plugin
    /// (its constructor runs), without its load hook. A worker composes while its channel to patcode comes up.
    /// </summary>
    public static InProcessInvoker Compose(string name, string assemblyPath, bool collectible, IPluginServiceFactory serviceFactory, ILoggerFactory loggerFactory, InProcessCallMarker? marker)
    {
        // A lasting (non-collectible) load maps the files, which ReadyToRun code needs.
        var context = PluginLoadContext.Create(assemblyPath, SharedTypes, collectible);
        var slot = marker?.Register(name, context) ?? InProcessCallMarker.Slot.Untracked;
        IPluginServices? services = null;
        CompositionHost? container = null;
        slot.Enter(); // constructors and static constructors are the plugin's code too
        try
        {
            var assembly = LoadAssembly(context, assemblyPath);
            var logger = loggerFactory.CreateLogger(name);
            services = serviceFactory.CreateFor(name);
            container = new ContainerConfiguration()
                .WithAssembly(assembly)
                .WithExport(services)
                .WithExport(services.Cache)
                .WithExport(services.Telemetry)
                .WithExport(logger)
                .CreateContainer();

            var instance = Create(container, name);
            slot.Exit();
            return new InProcessInvoker(name, instance, services, logger, context, container, slot, loggerFactory.CreateLogger("PatCode.Plugins"));
        }
        catch
        {
            (services as IDisposable)?.Dispose();
            container?.Dispose();
            PluginLoadContext.Unload(context);
            slot.Exit();
            slot.Release();
            throw;
        }
    }

    /// <summary>The second half of <see cref="LoadAsync"/>: reads the composed plugin's commands and runs its load hook; a failure releases it.</summary>
    public static async Task StartAsync(InProcessInvoker loaded, TimeSpan loadTimeout, CancellationToken cancellationToken)
    {
        try
        {
            loaded.ReadCommands();
            if (InProcessInvoker.Overrides(loaded.Instance!, nameof(Plugin.OnLoadAsync), typeof(CancellationToken)))
            {
                await loaded.RunHookAsync("load hook", static (instance, ct) => instance.OnLoadAsync(ct), loadTimeout, cancellationToken);
            }
        }
        catch
        {
            loaded.Release();
            throw;
        }
    }

    internal static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null && e is System.Reflection.TargetInvocationException or CompositionFailedException or TypeInitializationException or AggregateException)
        {
            e = e.InnerException;
        }

        return e;
    }

    internal static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();

    private static System.Reflection.Assembly LoadAssembly(System.Runtime.Loader.AssemblyLoadContext context, string assemblyPath)
    {
        try
        {
            return PluginLoadContext.LoadMainAssembly(context, assemblyPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException($"its assembly could not be loaded ({e.Message})", e);
        }
    }

    private static Plugin Create(CompositionHost container, string name)
    {
        IEnumerable<Lazy<Plugin, IDictionary<string, object>>> exports;
        try
        {
            exports = container.GetExports<Lazy<Plugin, IDictionary<string, object>>>().ToList();
        }
        catch (Exception e) when (e is CompositionFailedException or System.Reflection.ReflectionTypeLoadException or TypeLoadException)
        {
            throw new PluginLoadException($"it could not be composed ({FirstLine(e)})", e);
        }

        var export = exports.FirstOrDefault(x => x.Metadata.TryGetValue(nameof(PatCodePluginAttribute.Name), out var declared) && string.Equals(declared as string, name, StringComparison.Ordinal))
            ?? throw new PluginLoadException("its [PatCodePlugin] export was not found when loading: it may have been built against another copy of PatCode.Sdk");
        try
        {
            return export.Value;
        }
        catch (Exception e)
        {
            var root = Innermost(e);
            throw new PluginLoadException($"its constructor threw {root.GetType().Name}: {FirstLine(root)}", e);
        }
    }
}
