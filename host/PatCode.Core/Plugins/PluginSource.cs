namespace PatCode.Core.Plugins;

/// <summary>Which kind of folder a plugin came from; it decides whether the plugin needs the user's trust.</summary>
public enum PluginSource
{
    /// <summary>Shipped next to the host; trusted.</summary>
    Builtin,

    /// <summary>~/.patcode/plugins (or $PATCODE_HOME/plugins); needs enabling, pinned by hash.</summary>
    User,

    /// <summary>A folder from configuration or --plugins-dir; needs enabling, pinned by hash.</summary>
    Configured,

    /// <summary>A folder the user declared trusted (plugins.trustedDirs), for plugin development; no hash pinning.</summary>
    Development,
}
