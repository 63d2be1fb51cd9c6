using PatCode.Sdk;

namespace TestPlugins.Stopper;

/// <summary>Stops the chain when the message says "stop".</summary>
[PatCodePlugin("Stopper", Priority = PluginPriority.Normal)]
public sealed class StopperPlugin : Plugin
{
    /// <summary>"/alpha" clashes with Alpha's command; "/boom" throws.</summary>
    public override IReadOnlyList<PluginCommand> Commands { get; } =
    [
        new("alpha", "clashes with Alpha", (_, _) => Task.FromResult("stopper's alpha")),
        new("boom", "always throws", (_, _) => throw new InvalidOperationException("boom")),
    ];

    public override bool CanHandle(PluginContext context) => context.Input.Contains("stop", StringComparison.OrdinalIgnoreCase);

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("Stopper", "stopped here");
        return Task.FromResult(PluginResult.Stop());
    }
}
