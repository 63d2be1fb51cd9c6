using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using PatCode.Telemetry.Plugins;
using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Plugins;

/// <summary>A real plugin assembly in a collectible load context, as the host loads plugins.</summary>
public sealed class PluginUnloadTests
{
    private static readonly string PluginPath = Path.Combine(AppContext.BaseDirectory, "testplugin", "PatCode.Telemetry.TestPlugin.dll");

    [Test]
    public void PluginTelemetry_DoesNotKeepAnUnloadedPluginsLoadContextAlive()
    {
        using var service = TestTelemetry.Create();
        var plugin = TestTelemetry.UniqueName("alc");
        using var telemetry = service.ForPlugin(plugin);

        var context = RunPluginAndUnload(telemetry);
        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(context.IsAlive, Is.False, "the scoped telemetry, still open, must not pin the plugin's AssemblyLoadContext");
        var names = service.Metrics().Where(p => p.Meter == Core.Diagnostics.PluginMetricNames.MeterName(plugin)).Select(p => p.Name).ToList();
        var prefix = "patcode.plugin." + plugin.Replace('-', '_') + ".";
        Assert.That(names, Is.EquivalentTo(new[] { prefix + "runs", prefix + "level", prefix + "work", prefix + "inner" }));
        Assert.That(service.Events().Single(e => e.Source == plugin).Metadata["thing"], Is.EqualTo("plugin-thing"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RunPluginAndUnload(IScopedPluginTelemetry telemetry)
    {
        Assert.That(File.Exists(PluginPath), Is.True, $"test plugin not built at {PluginPath}");
        var context = new AssemblyLoadContext("telemetry-test-plugin", isCollectible: true);
        var assembly = context.LoadFromAssemblyPath(PluginPath);
        assembly.GetType("PatCode.Telemetry.TestPlugin.TelemetryExercise", throwOnError: true)!.GetMethod("Run")!.Invoke(null, [telemetry]);
        context.Unload();
        return new WeakReference(context);
    }
}
