using System.Runtime.CompilerServices;
using PatCode.Sdk;

namespace TestPlugins.Marker;

/// <summary>Writes a marker file the moment its assembly is loaded, to prove untrusted code never runs.</summary>
[PatCodePlugin("Marker")]
public sealed class MarkerPlugin : Plugin
{
    [ModuleInitializer]
    internal static void OnAssemblyLoaded()
    {
        var path = Environment.GetEnvironmentVariable("PATCODE_TEST_MARKER");
        if (!string.IsNullOrEmpty(path))
        {
            File.WriteAllText(path, "loaded");
        }
    }

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
