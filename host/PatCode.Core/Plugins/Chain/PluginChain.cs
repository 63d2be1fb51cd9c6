using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading;

namespace PatCode.Core.Plugins.Chain;

/// <summary>
/// Runs a message through the active plugins in order, each through its <see cref="PluginInvoker"/>. Every
/// call is isolated: an exception, a timeout, a CanHandle over its deadline, a crashed worker or a null
/// result becomes a failed run and a log line, never a crash and never text in the prompt. Three failures in
/// a row fault the plugin.
/// </summary>
/// <remarks>
/// In-process plugins answer CanHandle inline, so a run whose plugins include one that does hops to the thread
/// pool once (a "leg") and lets a <see cref="CanHandleWatch"/> give up on that leg if a CanHandle overruns;
/// the rest of the plugins then run on a new leg.
/// </remarks>
internal sealed class PluginChain : IPluginChain
{
    public const int FailuresBeforeFault = 3;

    private static readonly Counter<long> Executions = PatCodeDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.PluginExecutions, "{execution}", "Plugin runs (CanHandle said yes, or threw), by plugin and outcome (success, failure, timeout).");

    private static readonly Histogram<double> PluginDuration = PatCodeDiagnostics.Meter.CreateHistogram(
        InstrumentNames.PluginDuration, "s", "Time of one plugin run, CanHandle included, by plugin and outcome.", tags: null, HistogramBuckets.Seconds);

    private static readonly Histogram<double> ChainDuration = PatCodeDiagnostics.Meter.CreateHistogram(
        InstrumentNames.ChainDuration, "s", "Time to run one message through the whole plugin chain.", tags: null, HistogramBuckets.Seconds);

    private readonly Func<IReadOnlyList<LoadedPlugin>> _activePlugins;
    private readonly Func<ChainBudget> _budget;
    private readonly Func<LoadedPlugin, string, string?> _fault;
    private readonly ILogger _logger;
    private int _traced;

    /// <param name="activePlugins">The plugins to run, in order.</param>
    /// <param name="budget">Each plugin's deadlines, read at the start of every run.</param>
    /// <param name="fault">Faults a plugin that failed too often; returns the reason it is Faulted (or null when it could not be).</param>
    /// <param name="logger">The host's plugin log.</param>
    public PluginChain(Func<IReadOnlyList<LoadedPlugin>> activePlugins, Func<ChainBudget> budget, Func<LoadedPlugin, string, string?> fault, ILogger logger)
    {
        _activePlugins = activePlugins;
        _budget = budget;
        _fault = fault;
        _logger = logger;
    }

    public Task<ChainResult> RunAsync(ChainRequest request, CancellationToken cancellationToken) =>
        RunAsync(new ChainState(request), cancellationToken);

    /// <summary>Runs the chain over <paramref name="state"/>, which may already hold sections and items (a worker's snapshot).</summary>
    public async Task<ChainResult> RunAsync(ChainState state, CancellationToken cancellationToken)
    {
        var plugins = _activePlugins();
        if (plugins.Count == 0)
        {
            return new ChainResult(state.Sections.ToArray(), [], null);
        }

        StartupTrace.MarkFirst("chain: first run (CanHandle, ExecuteAsync)", ref _traced);
        using var chainSpan = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChainSpan);
        var started = Stopwatch.GetTimestamp();
        var budget = _budget();
        var run = new Run(plugins, state, budget);
        var inline = false;
        for (var i = 0; i < plugins.Count && !inline; i++)
        {
            inline = plugins[i].Invoker.RunsCanHandleInline;
        }

        using var watch = new CanHandleWatch(inline ? budget.WatchPeriod : null);
        if (!inline)
        {
            await RunLegAsync(run, watch, 0, 0, cancellationToken);
        }
        else
        {
            var from = 0;
            while (from < plugins.Count)
            {
                var leg = watch.Leg;
                var start = from;
                var overrun = watch.Overrun;
                var legTask = DetachedCall.RunAsync(ct => RunLegAsync(run, watch, leg, start, ct), cancellationToken);
                if (await Task.WhenAny(legTask, overrun).WaitAsync(cancellationToken) == legTask)
                {
                    await legTask;
                    break;
                }

                // The leg is left behind inside that plugin's CanHandle; the others go on without it.
                var index = await overrun;
                var plugin = plugins[index];
                _logger.LogWarning("Plugin {Plugin}: CanHandle did not return within {Deadline} ms; skipped for this message", plugin.Name, Milliseconds(watch.Deadline));
                run.Runs[index] = Record(plugin, watch.Elapsed, new PluginCallResult(PluginRunOutcome.OverDeadline, $"its CanHandle did not answer within {Milliseconds(watch.Deadline)} ms"));
                from = index + 1;
            }
        }

        ChainDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (StartupTrace.Enabled && _traced == 1)
        {
            _traced = 2;
            foreach (var pluginRun in run.Recorded())
            {
                StartupTrace.Mark(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"chain: {pluginRun.Plugin} {pluginRun.Outcome} in {pluginRun.Elapsed.TotalMilliseconds:0.0} ms"));
            }

            StartupTrace.Mark("chain: first run done");
        }

        return new ChainResult(state.Sections.ToArray(), run.Recorded(), run.StoppedBy);
    }

    private async Task RunLegAsync(Run run, CanHandleWatch watch, int leg, int from, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = from; i < run.Plugins.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plugin = run.Plugins[i];
            var result = await plugin.Invoker.RunAsync(new PluginTurn(run.State, watch, leg, i, run.Budget.CanHandleDeadline, run.Budget.ExecuteTimeout, started), cancellationToken);
            if (result.Abandoned || !watch.IsCurrent(leg))
            {
                return;
            }

            var ended = Stopwatch.GetTimestamp();
            run.Runs[i] = Record(plugin, Stopwatch.GetElapsedTime(started, ended), result);

            // A declined turn's end is the next one's start; after a recorded run (metrics, a span) the clock is read again.
            started = result.Outcome == PluginRunOutcome.Skipped ? ended : Stopwatch.GetTimestamp();
            if (result.Stop)
            {
                run.StoppedBy = plugin.Name;
                return;
            }
        }
    }

    private PluginRun Record(LoadedPlugin plugin, TimeSpan elapsed, PluginCallResult result)
    {
        if (result.Outcome == PluginRunOutcome.Skipped)
        {
            return new PluginRun(plugin.Name, PluginRunOutcome.Skipped, elapsed);
        }

        var outcomeTag = result.Outcome switch
        {
            PluginRunOutcome.Succeeded => "success",
            PluginRunOutcome.TimedOut or PluginRunOutcome.OverDeadline => "timeout",
            PluginRunOutcome.Crashed => "crash",
            _ => "failure",
        };
        var pluginLabel = new KeyValuePair<string, object?>("plugin", plugin.Name);
        var outcomeLabel = new KeyValuePair<string, object?>("outcome", outcomeTag);
        Executions.Add(1, pluginLabel, outcomeLabel);
        PluginDuration.Record(elapsed.TotalSeconds, pluginLabel, outcomeLabel);
        // The span is opened once the outcome is known (a plugin may run in another process, and one that declines
        // the message gets none), dated back to when the call began, under the chain's span.
        using (var span = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.PluginSpan, ActivityKind.Internal, parentContext: default, startTime: DateTimeOffset.UtcNow - elapsed))
        {
            span?.SetTag(PatCodeDiagnostics.PluginTag, plugin.Name);
            span?.SetTag(PatCodeDiagnostics.OutcomeTag, outcomeTag);
            if (result.Outcome != PluginRunOutcome.Succeeded)
            {
                span?.SetStatus(ActivityStatusCode.Error, outcomeTag);
            }
        }

        var fault = result.Fault;
        if (result.Outcome == PluginRunOutcome.Succeeded)
        {
            Interlocked.Exchange(ref plugin.ConsecutiveFailures, 0);
        }
        else if (Interlocked.Increment(ref plugin.ConsecutiveFailures) == FailuresBeforeFault && fault is null && plugin.Fault is null)
        {
            fault = _fault(plugin, $"failed {FailuresBeforeFault} times in a row (last: {result.Error})");
        }

        return new PluginRun(plugin.Name, result.Outcome, elapsed, result.Error, fault);
    }

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What one chain run collects, shared by its legs.</summary>
    private sealed class Run(IReadOnlyList<LoadedPlugin> plugins, ChainState state, ChainBudget budget)
    {
        public IReadOnlyList<LoadedPlugin> Plugins { get; } = plugins;

        public ChainState State { get; } = state;

        public ChainBudget Budget { get; } = budget;

        public PluginRun?[] Runs { get; } = new PluginRun?[plugins.Count];

        public string? StoppedBy { get; set; }

        /// <summary>The runs recorded, in chain order (a plugin after the one that stopped the chain has none).</summary>
        public PluginRun[] Recorded()
        {
            var count = 0;
            foreach (var pluginRun in Runs)
            {
                count += pluginRun is null ? 0 : 1;
            }

            var recorded = new PluginRun[count];
            var at = 0;
            foreach (var pluginRun in Runs)
            {
                if (pluginRun is not null)
                {
                    recorded[at++] = pluginRun;
                }
            }

            return recorded;
        }
    }
}
