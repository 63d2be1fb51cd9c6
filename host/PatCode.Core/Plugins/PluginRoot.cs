namespace PatCode.Core.Plugins;

/// <summary>A folder whose sub-folders are plugins.</summary>
public sealed record PluginRoot(string Path, PluginSource Source)
{
    /// <summary>Whether plugins here run without the user enabling them and without hash pinning.</summary>
    public bool IsTrusted => Source is PluginSource.Builtin or PluginSource.Development;
}
