namespace PatCode.Core.Plugins.Chain;

/// <summary>How one plugin's turn in the chain ended.</summary>
public enum PluginRunOutcome
{
    /// <summary>CanHandle said no.</summary>
    Skipped,
    Succeeded,
    Failed,
    TimedOut,

    /// <summary>CanHandle did not answer within its deadline, so the plugin was skipped for this message.</summary>
    OverDeadline,

    /// <summary>The plugin's worker process died during the call.</summary>
    Crashed,
}
