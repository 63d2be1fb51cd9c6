using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// One plugin's turn in a chain run: the run's shared state, the watch over in-process CanHandle calls and the
/// leg of the run this turn belongs to, the plugin's budget, and the <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp the turn began at (the chain's own: reading the clock is a good part of a declined turn's cost).
/// </summary>
internal readonly record struct PluginTurn(ChainState State, CanHandleWatch Watch, int Leg, int Index, TimeSpan CanHandleDeadline, TimeSpan ExecuteTimeout, long Started);
