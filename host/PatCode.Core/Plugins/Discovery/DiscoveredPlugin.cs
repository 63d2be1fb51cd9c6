using PatCode.Sdk;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// A plugin found on disk, described from its manifest and its assembly's metadata only. A folder that is
/// not a usable plugin is still reported, with <see cref="Problem"/> saying why.
/// </summary>
internal sealed record DiscoveredPlugin(
    string Name,
    PluginRoot Root,
    string Folder,
    PluginManifest? Manifest,
    DeclaredPlugin? Declaration,
    Version? SdkVersion,
    string? Problem)
{
    public PluginMetadata? Metadata => Declaration?.Metadata;

    public string? AssemblyPath => Manifest is null ? null : System.IO.Path.Combine(Folder, Manifest.Assembly);
}
