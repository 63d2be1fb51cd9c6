namespace PatCode.Core.Plugins;

/// <summary>How one plugin's turn in the chain ended.</summary>
public enum PluginRunOutcome
{
    /// <summary>CanHandle said no.</summary>
    Skipped,
    Succeeded,
    Failed,
    TimedOut,
}
