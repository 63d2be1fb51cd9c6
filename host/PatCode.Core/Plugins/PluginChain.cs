using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>
/// Runs a message through the active plugins in order. Every call is isolated: an exception, a timeout or a
/// null result becomes a failed run and a log line, never a crash and never text in the prompt. Three
/// failures in a row fault the plugin.
/// </summary>
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
    private readonly Func<TimeSpan> _timeout;
    private readonly Action<LoadedPlugin, string> _fault;
    private readonly ILogger _logger;

    public PluginChain(Func<IReadOnlyList<LoadedPlugin>> activePlugins, Func<TimeSpan> timeout, Action<LoadedPlugin, string> fault, ILogger logger)
    {
        _activePlugins = activePlugins;
        _timeout = timeout;
        _fault = fault;
        _logger = logger;
    }

    public async Task<ChainResult> RunAsync(ChainRequest request, CancellationToken cancellationToken)
    {
        var plugins = _activePlugins();
        if (plugins.Count == 0)
        {
            return ChainResult.Empty;
        }

        using var chainSpan = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChainSpan);
        var started = Stopwatch.GetTimestamp();
        var state = new ChainState(request);
        var runs = new PluginRun[plugins.Count];
        var ran = 0;
        string? stoppedBy = null;
        foreach (var plugin in plugins)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (run, stop) = await RunOneAsync(plugin, state, cancellationToken);
            runs[ran++] = run;
            if (stop)
            {
                stoppedBy = plugin.Name;
                break;
            }
        }

        ChainDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ChainResult(state.Sections.ToArray(), ran == runs.Length ? runs : runs[..ran], stoppedBy);
    }

    private async ValueTask<(PluginRun Run, bool Stop)> RunOneAsync(LoadedPlugin plugin, ChainState state, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var context = new PluginTurnContext(state, plugin);
        try
        {
            bool handles;
            try
            {
                handles = plugin.Instance.CanHandle(context);
            }
            catch (Exception e)
            {
                return (Failed(plugin, started, "CanHandle", e), false);
            }

            if (!handles)
            {
                return (new PluginRun(plugin.Name, PluginRunOutcome.Skipped, Stopwatch.GetElapsedTime(started)), false);
            }

            return await ExecuteAsync(plugin, context, started, cancellationToken);
        }
        finally
        {
            context.Close();
        }
    }

    private async Task<(PluginRun Run, bool Stop)> ExecuteAsync(LoadedPlugin plugin, PluginTurnContext context, long started, CancellationToken cancellationToken)
    {
        using var span = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.PluginSpan);
        span?.SetTag(PatCodeDiagnostics.PluginTag, plugin.Name);
        var timeout = _timeout();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        PluginResult? result;
        try
        {
            // Task.Run: a plugin that blocks synchronously must not block the chain past its budget.
            result = await Task.Run(() => plugin.Instance.ExecuteAsync(context, budget.Token), budget.Token).WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Abandoned: the plugin's task may still be running, but its context is closed and nobody waits for it.
            _logger.LogWarning("Plugin {Plugin} timed out after {Timeout} s and was abandoned", plugin.Name, timeout.TotalSeconds);
            span?.SetStatus(ActivityStatusCode.Error, "timeout");
            return (Record(plugin, started, PluginRunOutcome.TimedOut, $"timed out after {timeout.TotalSeconds:0.#} s"), false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            return (Failed(plugin, started, "ExecuteAsync", e), false);
        }

        if (result is null)
        {
            _logger.LogWarning("Plugin {Plugin} returned no result", plugin.Name);
            return (Record(plugin, started, PluginRunOutcome.Failed, "returned no result"), false);
        }

        if (!result.Success)
        {
            _logger.LogInformation("Plugin {Plugin} reported failure: {Error}", plugin.Name, result.Error);
            return (Record(plugin, started, PluginRunOutcome.Failed, result.Error), !result.ShouldContinue);
        }

        return (Record(plugin, started, PluginRunOutcome.Succeeded, null), !result.ShouldContinue);
    }

    private PluginRun Failed(LoadedPlugin plugin, long started, string call, Exception e)
    {
        // The exception goes to the log only: its text never reaches the prompt or the chat.
        _logger.LogWarning(e, "Plugin {Plugin} threw in {Call}", plugin.Name, call);
        return Record(plugin, started, PluginRunOutcome.Failed, $"{call} threw {e.GetType().Name}");
    }

    private PluginRun Record(LoadedPlugin plugin, long started, PluginRunOutcome outcome, string? error)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcomeTag = outcome switch
        {
            PluginRunOutcome.Succeeded => "success",
            PluginRunOutcome.TimedOut => "timeout",
            _ => "failure",
        };
        var pluginLabel = new KeyValuePair<string, object?>("plugin", plugin.Name);
        var outcomeLabel = new KeyValuePair<string, object?>("outcome", outcomeTag);
        Executions.Add(1, pluginLabel, outcomeLabel);
        PluginDuration.Record(elapsed.TotalSeconds, pluginLabel, outcomeLabel);
        if (Activity.Current is { OperationName: InstrumentNames.PluginSpan } span)
        {
            span.SetTag(PatCodeDiagnostics.OutcomeTag, outcomeTag);
        }

        if (outcome == PluginRunOutcome.Succeeded)
        {
            Interlocked.Exchange(ref plugin.ConsecutiveFailures, 0);
        }
        else if (Interlocked.Increment(ref plugin.ConsecutiveFailures) == FailuresBeforeFault)
        {
            _fault(plugin, $"failed {FailuresBeforeFault} times in a row (last: {error})");
        }

        return new PluginRun(plugin.Name, outcome, elapsed, error);
    }
}
