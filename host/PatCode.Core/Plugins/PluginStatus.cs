namespace PatCode.Core.Plugins;

/// <summary>Where a plugin stands; every status but Active comes with a reason saying what to do.</summary>
public enum PluginStatus
{
    /// <summary>Loaded and running in the chain.</summary>
    Active,

    /// <summary>Turned off by the user, by configuration, or off by default.</summary>
    Disabled,

    /// <summary>From a user folder and not enabled yet, or its files changed since it was enabled.</summary>
    Untrusted,

    /// <summary>Built against an SDK this host cannot honour.</summary>
    Incompatible,

    /// <summary>A plugin it depends on is missing or not active.</summary>
    MissingDependency,

    /// <summary>It failed to load, or failed three times in a row; skipped until enabled again.</summary>
    Faulted,

    /// <summary>The folder is not a usable plugin: no manifest, bad JSON, a missing or broken DLL, a duplicate name.</summary>
    Invalid,
}
