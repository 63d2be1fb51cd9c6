using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("NeedsMissing", Dependencies = ["NoSuchPlugin"])]
public sealed class NeedsMissingPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
