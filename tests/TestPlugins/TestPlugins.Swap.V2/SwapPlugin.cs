using PatCode.Sdk;

namespace TestPlugins.Swap;

/// <summary>Built twice with different answers, so a test can replace version 1 with version 2 on disk.</summary>
[PatCodePlugin("Swap", Version = "2.0.0")]
public sealed class SwapPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("Swap", "swap v2");
        return Task.FromResult(PluginResult.Ok());
    }
}
