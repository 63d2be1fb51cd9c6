using PatCode.Sdk;

namespace TestPlugins.BadName;

/// <summary>Declares a name that would climb out of the plugins folder if it were ever used as a folder name.</summary>
[PatCodePlugin("../BadName")]
public sealed class BadNamePlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
