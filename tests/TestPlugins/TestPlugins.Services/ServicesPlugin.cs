using System.Composition;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace TestPlugins.Services;

/// <summary>
/// Uses everything the host gives a plugin, in a way a test can see: its cache (a run counter), telemetry,
/// its logger, the context it was handed (conversation, files, earlier sections, items), and a command. Its
/// constructor logs and counts too: in a worker it runs while the channel to PatCode is still coming up.
/// </summary>
[PatCodePlugin("Services", Priority = PluginPriority.Low, Description = "Uses the cache, telemetry, logger and a command")]
public sealed class ServicesPlugin : Plugin
{
    [ImportingConstructor]
    public ServicesPlugin(ILogger logger, IPluginTelemetry telemetry)
    {
        logger.LogInformation("services plugin composed");
        telemetry.Increment("composed");
    }

    public override IReadOnlyList<PluginCommand> Commands { get; } =
    [
        new("svc", "shows the run counter from the cache", async (context, ct) =>
        {
            var runs = await context.Services.Cache.GetAsync("runs", ct) ?? "none";
            context.Logger.LogInformation("svc command saw runs={Runs} in {Folder}", runs, context.WorkingDirectory);
            return $"svc: runs={runs} args={string.Join(' ', context.Arguments)}";
        }),
    ];

    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var runs = int.Parse(await context.Services.Cache.GetAsync("runs", cancellationToken) ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
        await context.Services.Cache.SetAsync("runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        context.Services.Telemetry.Increment("runs");
        context.Services.Telemetry.RecordEvent("ran", TelemetryLevel.Info, new Dictionary<string, object?> { ["count"] = runs });
        context.Logger.LogInformation("services ran {Count} times", runs);

        context.Items.TryGetValue("alpha.seen", out var alphaSeen);
        context.Items["services.runs"] = runs;
        var files = string.Join(",", context.Files.Select(f => $"{Path.GetFileName(f.Path)}:{f.Content.Length}"));
        var earlier = string.Join(",", context.Sections.Select(s => $"{s.Plugin}/{s.Title}"));
        context.AddSection("Services", $"run {runs}; input {context.Input}; conversation {context.Conversation.Count}; files [{files}]; earlier [{earlier}]; alpha.seen={alphaSeen}");
        return PluginResult.Ok();
    }
}
