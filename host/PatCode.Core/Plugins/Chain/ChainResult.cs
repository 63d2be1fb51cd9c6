using PatCode.Sdk;

namespace PatCode.Core.Plugins.Chain;

/// <summary>
/// What the chain produced: the attributed context sections, whether a plugin stopped the chain, and how
/// each plugin fared.
/// </summary>
public sealed record ChainResult(
    IReadOnlyList<ContextSection> Sections,
    IReadOnlyList<PluginRun> Runs,
    string? StoppedBy)
{
    public static ChainResult Empty { get; } = new([], [], null);

    public bool Stopped => StoppedBy is not null;

    public TimeSpan TotalElapsed => Runs.Aggregate(TimeSpan.Zero, (sum, run) => sum + run.Elapsed);
}
