using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>Spins on a core and never looks at its cancellation token. Writes a heartbeat file while it spins, if asked to.</summary>
[PatCodePlugin("Spinner")]
public sealed class SpinnerPlugin : Plugin
{
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var heartbeat = Environment.GetEnvironmentVariable("PATCODE_TEST_HEARTBEAT");
        var last = DateTime.UtcNow;
        while (true)
        {
            if (heartbeat is not null && DateTime.UtcNow - last > TimeSpan.FromMilliseconds(100))
            {
                File.WriteAllText(heartbeat, DateTime.UtcNow.ToString("O"));
                last = DateTime.UtcNow;
            }
        }
    }
}
