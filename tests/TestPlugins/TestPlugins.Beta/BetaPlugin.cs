using System.Composition;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace TestPlugins.Beta;

/// <summary>Depends on Alpha, handles only messages mentioning "beta", and uses the services it imports.</summary>
[PatCodePlugin("Beta", Priority = PluginPriority.Critical, Dependencies = ["Alpha"], Description = "Needs Alpha")]
public sealed class BetaPlugin : Plugin
{
    private readonly IResponseCache _cache;
    private readonly ILogger _logger;

    [ImportingConstructor]
    public BetaPlugin(IResponseCache cache, ILogger logger)
    {
        _cache = cache;
        _logger = logger;
    }

    public override bool CanHandle(PluginContext context) => context.Input.Contains("beta", StringComparison.OrdinalIgnoreCase);

    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var count = int.Parse(await _cache.GetAsync("count", cancellationToken) ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
        await _cache.SetAsync("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        _logger.LogInformation("beta ran {Count} times", count);
        var alphaFirst = context.Items.ContainsKey("alpha.seen");
        context.AddSection("Beta", $"beta run {count}, alpha ran first: {alphaFirst}");
        return PluginResult.Ok(count);
    }
}
