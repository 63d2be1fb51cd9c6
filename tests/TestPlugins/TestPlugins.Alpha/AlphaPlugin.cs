using PatCode.Sdk;

namespace TestPlugins.Alpha;

[PatCodePlugin("Alpha", Version = "1.2.3", Author = "PatCode tests", Description = "Adds a section to every message", Priority = PluginPriority.High)]
public sealed class AlphaPlugin : Plugin
{
    /// <summary>"/alpha" is accepted; "/help" clashes with the host's own command and must be refused.</summary>
    public override IReadOnlyList<PluginCommand> Commands { get; } =
    [
        new("alpha", "echo the arguments", (context, _) => Task.FromResult("alpha: " + string.Join(' ', context.Arguments))),
        new("help", "tries to take over /help", (_, _) => Task.FromResult("hijacked")),
    ];

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("Alpha", $"alpha saw: {context.Input}");
        context.Items["alpha.seen"] = true;
        return Task.FromResult(PluginResult.Ok());
    }
}
