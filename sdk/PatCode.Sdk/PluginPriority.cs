namespace PatCode.Sdk;

/// <summary>
/// Where a plugin runs in the chain. Lower values run first; ties are broken by plugin name.
/// </summary>
public enum PluginPriority
{
    /// <summary>Runs before everything else, for guards that may stop the chain.</summary>
    Critical = 0,

    /// <summary>Runs early, for plugins whose context others may build on.</summary>
    High = 1,

    /// <summary>The default.</summary>
    Normal = 2,

    /// <summary>Runs late.</summary>
    Low = 3,

    /// <summary>Runs after every other plugin.</summary>
    Last = 4,
}
