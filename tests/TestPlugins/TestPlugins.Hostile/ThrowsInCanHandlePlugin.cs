using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ThrowsInCanHandle")]
public sealed class ThrowsInCanHandlePlugin : Plugin
{
    public override bool CanHandle(PluginContext context) => throw new InvalidOperationException("CanHandle exploded: secret-token-123");

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
