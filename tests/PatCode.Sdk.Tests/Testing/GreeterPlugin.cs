using Microsoft.Extensions.Logging;

namespace PatCode.Sdk.Tests.Testing;

/// <summary>A small plugin that touches every service, to test the testing package against.</summary>
[PatCodePlugin("Greeter")]
internal sealed class GreeterPlugin : Plugin
{
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand("greet", "greet someone", (context, _) =>
        {
            context.Services.Telemetry.Increment("commands");
            return Task.FromResult($"hello {string.Join(' ', context.Arguments)} in {context.WorkingDirectory}");
        }),
    ];

    public override bool CanHandle(PluginContext context) => context.Input.StartsWith("hello", StringComparison.Ordinal);

    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        using (context.Services.Telemetry.StartTimer("greet"))
        {
            context.AddSection("Greeting", $"hello from {context.WorkingDirectory} with {context.Files.Count} file(s)");
            context.Services.Telemetry.Increment("greetings");
            context.Services.Telemetry.RecordEvent("greeted");
            await context.Services.Cache.SetAsync("last", context.Input, cancellationToken: cancellationToken);
            context.Logger.LogInformation("Greeted");
            context.Items["greeter.done"] = true;
        }

        return PluginResult.Ok();
    }
}
