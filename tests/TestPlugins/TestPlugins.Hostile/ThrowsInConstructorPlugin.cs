using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ThrowsInConstructor")]
public sealed class ThrowsInConstructorPlugin : Plugin
{
    public ThrowsInConstructorPlugin() => throw new InvalidOperationException("constructor exploded");

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
