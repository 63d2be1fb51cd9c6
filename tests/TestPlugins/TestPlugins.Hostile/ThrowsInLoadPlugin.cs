using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ThrowsInLoad")]
public sealed class ThrowsInLoadPlugin : Plugin
{
    public override Task OnLoadAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("load hook exploded");

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
