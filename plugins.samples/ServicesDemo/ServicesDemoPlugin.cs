using System.Globalization;
using PatCode.Sdk;

namespace PatCode.Samples.ServicesDemo;

/// <summary>
/// Shows the host's services: it summarises the working folder's top level, keeps the summary in the
/// response cache for a few minutes, and reports hits, misses and timings through telemetry.
/// </summary>
[PatCodePlugin("ServicesDemo", Version = "1.0.0", Author = "PatCode samples", Description = "Caches a folder summary and reports telemetry; /services-demo [clear]")]
public sealed class ServicesDemoPlugin : Plugin
{
    /// <summary>How long a summary stays cached; the host's default TTL applies when this is null.</summary>
    private static readonly TimeSpan SummaryTimeToLive = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand("services-demo", "[clear]: show the cached folder summary, or forget it", RunCommandAsync),
    ];

    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Input.Contains("services demo", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var summary = await GetSummaryAsync(context.WorkingDirectory, context.Services, cancellationToken);
        context.AddSection("Working folder", summary);
        return PluginResult.Ok();
    }

    private static async Task<string> GetSummaryAsync(string folder, IPluginServices services, CancellationToken cancellationToken)
    {
        // The cache is partitioned per plugin, so a short key cannot collide with another plugin's.
        var key = "summary:" + folder;
        var cached = await services.Cache.GetAsync(key, cancellationToken);
        if (cached is not null)
        {
            services.Telemetry.Increment("cache_hits");
            return cached;
        }

        services.Telemetry.Increment("cache_misses");
        string summary;
        using (services.Telemetry.StartTimer("summarise"))
        {
            var files = Directory.EnumerateFiles(folder).Count();
            var folders = Directory.EnumerateDirectories(folder).Count();
            services.Telemetry.SetGauge("top_level_entries", files + folders);
            summary = string.Create(CultureInfo.InvariantCulture, $"{folder} holds {files} files and {folders} folders at its top level.");
        }

        await services.Cache.SetAsync(key, summary, SummaryTimeToLive, cancellationToken);
        services.Telemetry.RecordEvent("summary_cached", TelemetryLevel.Info, new Dictionary<string, object?> { ["ttl_seconds"] = SummaryTimeToLive.TotalSeconds });
        return summary;
    }

    private static async Task<string> RunCommandAsync(PluginCommandContext command, CancellationToken cancellationToken)
    {
        if (command.Arguments is ["clear"])
        {
            var removed = await command.Services.Cache.RemoveAsync("summary:" + command.WorkingDirectory, cancellationToken);
            return removed ? "Forgot the cached summary." : "Nothing was cached.";
        }

        if (command.Arguments.Count > 0)
        {
            return "Usage: /services-demo [clear]";
        }

        return await GetSummaryAsync(command.WorkingDirectory, command.Services, cancellationToken);
    }
}
