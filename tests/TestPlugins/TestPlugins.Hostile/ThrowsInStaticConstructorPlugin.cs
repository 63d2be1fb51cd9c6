using PatCode.Sdk;

namespace TestPlugins.Hostile;

[PatCodePlugin("ThrowsInStaticConstructor")]
public sealed class ThrowsInStaticConstructorPlugin : Plugin
{
    // An explicit static constructor runs before the first instance is created, so creation fails.
    static ThrowsInStaticConstructorPlugin() => throw new InvalidOperationException("static constructor exploded");

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
}
