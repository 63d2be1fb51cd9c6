using System.Composition;
using System.Composition.Hosting;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>
/// Loads one plugin into its own collectible load context and composes it with System.Composition. The
/// contract assemblies are shared with the host (so the plugin's types match ours and MEF sees its
/// exports); everything else the plugin carries stays private to it.
/// </summary>
internal static class PluginActivator
{
    // The SDK, the MEF attribute assembly and the logging abstractions: the whole surface a plugin shares with the host.
    private static readonly Type[] SharedTypes = [typeof(Plugin), typeof(ExportAttribute), typeof(ILogger)];

    public static async Task<LoadedPlugin> LoadAsync(
        DiscoveredPlugin plugin,
        IPluginServiceFactory serviceFactory,
        ILoggerFactory loggerFactory,
        TimeSpan loadTimeout,
        CancellationToken cancellationToken)
    {
        // Only the LoadedPlugin may hold the loader, container and instance: locals of an async method live on
        // in its state machine, and a stray reference to the loader would keep the load context alive.
        var loaded = Compose(plugin, serviceFactory, loggerFactory);
        try
        {
            if (Overrides(loaded.Instance, nameof(Plugin.OnLoadAsync)))
            {
                await RunHookAsync("load hook", loaded, static (instance, ct) => instance.OnLoadAsync(ct), loadTimeout, cancellationToken);
            }

            return loaded;
        }
        catch
        {
            loaded.Release();
            throw;
        }
    }

    public static async Task UnloadAsync(LoadedPlugin plugin, TimeSpan timeout, ILogger logger)
    {
        try
        {
            if (Overrides(plugin.Instance, nameof(Plugin.OnUnloadAsync)))
            {
                await RunHookAsync("unload hook", plugin, static (instance, ct) => instance.OnUnloadAsync(ct), timeout, CancellationToken.None);
            }
        }
        catch (PluginLoadException e)
        {
            // Unloading goes on regardless: a plugin cannot keep itself loaded by failing here.
            logger.LogWarning(e.InnerException ?? e, "Plugin {Plugin}: {Problem}", plugin.Name, e.Message);
        }
        finally
        {
            plugin.Release();
        }
    }

    private static LoadedPlugin Compose(DiscoveredPlugin plugin, IPluginServiceFactory serviceFactory, ILoggerFactory loggerFactory)
    {
        // In memory: the runtime caches images by path, so a plugin deleted and recreated at the same path
        // would otherwise come back as its old code while the old context is still being collected.
        var loader = PluginLoader.CreateFromAssemblyFile(plugin.AssemblyPath!, isUnloadable: true, sharedTypes: SharedTypes, config => config.LoadInMemory = true);
        IPluginServices? services = null;
        CompositionHost? container = null;
        try
        {
            var assembly = LoadAssembly(loader);
            var logger = loggerFactory.CreateLogger(plugin.Name);
            services = serviceFactory.CreateFor(plugin.Name);
            container = new ContainerConfiguration()
                .WithAssembly(assembly)
                .WithExport(services)
                .WithExport(services.Cache)
                .WithExport(services.Telemetry)
                .WithExport(logger)
                .CreateContainer();

            var instance = Create(container, plugin);
            return new LoadedPlugin(plugin, instance, services, logger, loader, container);
        }
        catch
        {
            (services as IDisposable)?.Dispose();
            container?.Dispose();
            loader.Dispose();
            throw;
        }
    }

    private static System.Reflection.Assembly LoadAssembly(PluginLoader loader)
    {
        try
        {
            return loader.LoadDefaultAssembly();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException($"its assembly could not be loaded ({e.Message})", e);
        }
    }

    private static Plugin Create(CompositionHost container, DiscoveredPlugin plugin)
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

        var export = exports.FirstOrDefault(x => x.Metadata.TryGetValue(nameof(PatCodePluginAttribute.Name), out var name) && string.Equals(name as string, plugin.Name, StringComparison.Ordinal))
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

    private static async Task RunHookAsync(string hook, LoadedPlugin plugin, Func<Plugin, CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            // On the thread pool, so a hook that blocks synchronously cannot block the host.
            await DetachedCall.RunAsync(ct => call(plugin.Instance, ct), cts.Token).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new PluginLoadException($"its {hook} did not finish within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PluginLoadException($"its {hook} did not finish within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var root = Innermost(e);
            throw new PluginLoadException($"its {hook} threw {root.GetType().Name}: {FirstLine(root)}", e);
        }
    }

    /// <summary>Whether the plugin overrides a hook; the base hooks do nothing, so there is no thread hop to pay for.</summary>
    private static bool Overrides(Plugin instance, string hook) =>
        instance.GetType().GetMethod(hook, [typeof(CancellationToken)])?.DeclaringType != typeof(Plugin);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null && e is System.Reflection.TargetInvocationException or CompositionFailedException or TypeInitializationException or AggregateException)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}
