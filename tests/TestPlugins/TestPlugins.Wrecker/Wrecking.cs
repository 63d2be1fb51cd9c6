using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>
/// What every wrecker shares: it runs for every message, and once it has done its damage it waits, so the
/// damage (a dying worker) happens while its call is still under way.
/// </summary>
public abstract class Wrecking : Plugin
{
    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        Wreck();
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        context.AddSection(GetType().Name, "survived");
        return PluginResult.Ok();
    }

    protected abstract void Wreck();
}
