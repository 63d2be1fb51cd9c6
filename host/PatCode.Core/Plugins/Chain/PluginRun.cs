namespace PatCode.Core.Plugins.Chain;

/// <summary>
/// One plugin's part in a chain run: how it ended, how long it took, and, when this run is what made the
/// plugin Faulted, why.
/// </summary>
public sealed record PluginRun(string Plugin, PluginRunOutcome Outcome, TimeSpan Elapsed, string? Error = null, string? Fault = null)
{
    /// <summary>Whether the user should hear about this run: it failed, timed out, overran its deadline or crashed.</summary>
    public bool WentWrong => Outcome is PluginRunOutcome.Failed or PluginRunOutcome.TimedOut or PluginRunOutcome.OverDeadline or PluginRunOutcome.Crashed;

    /// <summary>
    /// The one line the user gets about a run that went wrong: the plugin, what happened, and whether it is now
    /// Faulted. A plugin's own error text is made safe for the terminal and kept to one line.
    /// </summary>
    public string Describe() => Security.TerminalText.SanitizeLine(Compose());

    private string Compose()
    {
        var what = Outcome switch
        {
            PluginRunOutcome.TimedOut => Error ?? "timed out",
            PluginRunOutcome.OverDeadline => $"was skipped: {Error}",
            PluginRunOutcome.Crashed => $"crashed ({Error})",
            _ => $"failed: {Error}",
        };
        return Fault is null
            ? $"plugin {Plugin} {what}"
            : $"plugin {Plugin} {what}; it is now Faulted ({Fault}): /plugins enable {Plugin} to try it again";
    }
}
