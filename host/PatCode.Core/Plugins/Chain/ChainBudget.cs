namespace PatCode.Core.Plugins.Chain;

/// <summary>How long each plugin may take in one chain run: CanHandle, then ExecuteAsync.</summary>
internal readonly record struct ChainBudget(TimeSpan CanHandleDeadline, TimeSpan ExecuteTimeout)
{
    /// <summary>How often the watch over in-process CanHandle calls looks: a quarter of the deadline, between 2 and 25 ms.</summary>
    public TimeSpan WatchPeriod => TimeSpan.FromMilliseconds(Math.Clamp(CanHandleDeadline.TotalMilliseconds / 4, 2, 25));
}
