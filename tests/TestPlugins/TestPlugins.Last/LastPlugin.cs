using PatCode.Sdk;

namespace TestPlugins.Last;

[PatCodePlugin("Zulu", Priority = PluginPriority.Last)]
public sealed class LastPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("Zulu", "last word");
        return Task.FromResult(PluginResult.Ok());
    }
}
