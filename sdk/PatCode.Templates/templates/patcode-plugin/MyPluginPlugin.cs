using PatCode.Sdk;

namespace MyPlugin;

/// <summary>PLUGIN_DESCRIPTION</summary>
[PatCodePlugin("PLUGIN_NAME", Version = "1.0.0", Description = "PLUGIN_DESCRIPTION", Priority = PluginPriority.PLUGIN_PRIORITY)]
public sealed class PLUGIN_CLASSPlugin : Plugin
{
    /// <summary>Slash commands: <c>/plugin-command</c> answers in the REPL.</summary>
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand("plugin-command", "say hello from MyPlugin", (command, cancellationToken) =>
            Task.FromResult($"Hello from MyPlugin in {command.WorkingDirectory}")),
    ];

    /// <summary>Runs for every message, so keep it cheap: decide from the text alone.</summary>
    public override bool CanHandle(PluginContext context) =>
        context.Input.Contains("hello", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds context for the model. Return Ok to let the chain go on.</summary>
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("MyPlugin", $"The user said hello from {context.WorkingDirectory}. Greet them back.");
        context.Services.Telemetry.Increment("greetings");
        return Task.FromResult(PluginResult.Ok());
    }
}
