using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// One plugin's turn in a chain run: the run's shared state, the watch over in-process CanHandle calls and the
/// leg of the run this turn belongs to, and the plugin's budget.
/// </summary>
internal readonly record struct PluginTurn(ChainState State, CanHandleWatch Watch, int Leg, int Index, TimeSpan CanHandleDeadline, TimeSpan ExecuteTimeout);
