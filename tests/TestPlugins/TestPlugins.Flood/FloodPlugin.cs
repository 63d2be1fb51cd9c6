using PatCode.Sdk;

namespace TestPlugins.Flood;

/// <summary>Runs first and adds a 50 MB section, trying to leave no room for any other plugin's context.</summary>
[PatCodePlugin("Flood", Version = "1.0.0", Author = "PatCode tests", Description = "Adds a 50 MB section", Priority = PluginPriority.Critical)]
public sealed class FloodPlugin : Plugin
{
    public const int SectionChars = 50 * 1024 * 1024;

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("Flood", new string('f', SectionChars));
        return Task.FromResult(PluginResult.Ok());
    }
}
