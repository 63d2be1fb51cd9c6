namespace PatCode.Core.Plugins;

/// <summary>One plugin's part in a chain run: how it ended and how long it took.</summary>
public sealed record PluginRun(string Plugin, PluginRunOutcome Outcome, TimeSpan Elapsed, string? Error = null);
