using Newtonsoft.Json;
using PatCode.Sdk;

namespace TestPlugins.JsonNew;

/// <summary>Carries its own Newtonsoft.Json; reports which version it really runs.</summary>
[PatCodePlugin("JsonNew")]
public sealed class JsonNewPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var json = JsonConvert.SerializeObject(new { input = context.Input });
        var version = typeof(JsonConvert).Assembly.GetName().Version;
        context.AddSection("Json", $"{version} {json}");
        return Task.FromResult(PluginResult.Ok());
    }
}
