using PatCode.Sdk;

namespace PatCode.Samples.Hello;

/// <summary>The smallest useful plugin: it notices a greeting, adds one context section, and offers <c>/hello</c>.</summary>
[PatCodePlugin("Hello", Version = "1.0.0", Author = "PatCode samples", Description = "Notices greetings and offers /hello")]
public sealed class HelloPlugin : Plugin
{
    /// <inheritdoc/>
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand("hello", "[name]: says hello", (command, cancellationToken) =>
            Task.FromResult(command.Arguments.Count == 0 ? "Hello!" : $"Hello, {string.Join(' ', command.Arguments)}!")),
    ];

    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Input.Contains("hello", StringComparison.OrdinalIgnoreCase)
            || context.Input.Contains("hola", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.AddSection("Greeting", "The user greeted you. Greet them back in one short, friendly sentence before answering.");
        return Task.FromResult(PluginResult.Ok());
    }
}
