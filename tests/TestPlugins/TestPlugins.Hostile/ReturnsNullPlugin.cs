using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ReturnsNull")]
public sealed class ReturnsNullPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult<PluginResult>(null!);
}
