using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// What one plugin's turn came to, before the chain records it. <see cref="Abandoned"/> marks a turn the chain
/// already gave up on (its CanHandle overran), whose result nobody wants any more.
/// </summary>
internal readonly record struct PluginCallResult(PluginRunOutcome Outcome, string? Error = null, bool Stop = false, string? Fault = null, bool Abandoned = false)
{
    public static PluginCallResult NotHandled { get; } = new(PluginRunOutcome.Skipped);

    public static PluginCallResult GivenUp { get; } = new(PluginRunOutcome.OverDeadline, Abandoned: true);
}
