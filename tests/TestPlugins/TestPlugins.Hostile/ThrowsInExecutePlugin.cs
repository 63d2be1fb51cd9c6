using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ThrowsInExecute")]
public sealed class ThrowsInExecutePlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("ExecuteAsync exploded: secret-token-456");
}
