using PatCode.Sdk;

namespace TestPlugins.Hostile;

/// <summary>Ignores its cancellation token and blocks its thread, the worst a plugin can do.</summary>
[PatCodePlugin("Hangs")]
public sealed class HangsPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(TimeSpan.FromSeconds(5));
        context.AddSection("Hangs", "too late");
        return Task.FromResult(PluginResult.Ok());
    }
}
