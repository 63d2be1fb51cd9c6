using PatCode.Sdk;

namespace TestPlugins.NewerSdk;

[PatCodePlugin("NewerSdk")]
public sealed class NewerSdkPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
