using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>CanHandle should be cheap; this one sleeps 30 s.</summary>
[PatCodePlugin("SlowCanHandle")]
public sealed class SlowCanHandlePlugin : Plugin
{
    public override bool CanHandle(PluginContext context)
    {
        Thread.Sleep(TimeSpan.FromSeconds(30));
        return true;
    }

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        context.AddSection("SlowCanHandle", "too late");
        return Task.FromResult(PluginResult.Ok());
    }
}
