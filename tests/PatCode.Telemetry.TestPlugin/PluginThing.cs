namespace PatCode.Telemetry.TestPlugin;

/// <summary>A type that lives only in the plugin's load context.</summary>
public sealed class PluginThing
{
    public override string ToString() => "plugin-thing";
}
