using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>Writes 1000 lines to stdout and 1000 to stderr, then does its job.</summary>
[PatCodePlugin("Chatty")]
public sealed class ChattyPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= 1000; i++)
        {
            Console.WriteLine($"chatty stdout line {i}");
            Console.Error.WriteLine($"chatty stderr line {i}");
        }

        context.AddSection("Chatty", "said a lot");
        return Task.FromResult(PluginResult.Ok());
    }
}
