using PatCode.Sdk;

namespace PatCode.Telemetry.TestPlugin;

/// <summary>Uses every part of IPluginTelemetry the way a plugin would, with a plugin-owned object in the metadata.</summary>
public static class TelemetryExercise
{
    public static void Run(IPluginTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        telemetry.Increment("runs");
        telemetry.SetGauge("level", 3);
        using (telemetry.StartTimer("work"))
        {
            telemetry.RecordDuration("inner", TimeSpan.FromMilliseconds(1));
        }

        telemetry.RecordEvent("ran", TelemetryLevel.Info, new Dictionary<string, object?> { ["thing"] = new PluginThing() });
    }
}
