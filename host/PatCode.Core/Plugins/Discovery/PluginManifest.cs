namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// plugin.json, written next to the plugin's DLL at build time by the SDK's build targets. It names the
/// entry assembly and the SDK version the plugin was compiled against.
/// </summary>
public sealed record PluginManifest(int Schema, string Name, string Assembly, string Version, string SdkVersion)
{
    public const string FileName = "plugin.json";
}
