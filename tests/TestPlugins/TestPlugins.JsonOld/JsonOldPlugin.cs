using Newtonsoft.Json;
using PatCode.Sdk;

namespace TestPlugins.JsonOld;

/// <summary>Carries its own Newtonsoft.Json; reports which version it really runs.</summary>
[PatCodePlugin("JsonOld")]
public sealed class JsonOldPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var json = JsonConvert.SerializeObject(new { input = context.Input });
        var version = typeof(JsonConvert).Assembly.GetName().Version;
        context.AddSection("Json", $"{version} {json}");
        return Task.FromResult(PluginResult.Ok());
    }
}
