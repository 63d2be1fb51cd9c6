using System.Globalization;
using PatCode.Core.Commands;
using PatCode.Core.Console;
using PatCode.Core.IO;
using PatCode.Sdk;
using PatCode.Telemetry.Aggregation;

namespace PatCode.Telemetry.Commands;

/// <summary><c>/telemetry [stats | events [info|warning|error] [N] | export [file] | clear]</c>, and the same as <c>patcode telemetry …</c>.</summary>
internal sealed class TelemetryCommand(TelemetryService service, Func<string> currentDirectory) : IHostCommand
{
    private const int DefaultEventCount = 20;
    private static readonly string[] Subcommands = ["stats", "events", "export", "clear"];

    public string Name => "telemetry";

    public string Summary => "Show, export or clear this session's metrics, events and traces.";

    public IReadOnlyList<string> Usage { get; } =
    [
        "telemetry [stats]",
        "telemetry events [info|warning|error] [N]",
        "telemetry export [file]",
        "telemetry clear",
    ];

    public bool AvailableOnCommandLine => true;

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var args = invocation.Arguments;
        var output = invocation.Output;
        var subcommand = args.Count == 0 ? "stats" : args[0].ToLowerInvariant();
        var rest = args.Skip(1).ToList();
        var exitCode = subcommand switch
        {
            "stats" when rest.Count == 0 => ShowStats(invocation),
            "events" => ShowEvents(invocation, rest),
            "export" when rest.Count <= 1 => Export(invocation, rest.Count == 1 ? rest[0] : null),
            "clear" when rest.Count == 0 => Clear(output),
            "stats" or "export" or "clear" => UsageError(output, $"'telemetry {subcommand}' takes {(subcommand == "export" ? "at most one file name" : "no arguments")}."),
            _ => UsageError(output, $"Unknown telemetry subcommand '{args[0]}'.{NameSuggestions.Hint(args[0], Subcommands)}"),
        };
        return Task.FromResult(exitCode);
    }

    private int ShowStats(CommandInvocation invocation)
    {
        var output = invocation.Output;
        if (!ReportIfOff(output))
        {
            return ExitCodes.Success;
        }

        NoteFreshProcess(invocation);
        var stats = service.Stats();
        output.WriteLine(
            $"Telemetry on for {FormatDuration(stats.Uptime)} · exporters: " +
            (stats.Exporters.Count == 0 ? "none (nothing leaves this machine)" : string.Join("; ", stats.Exporters)));
        output.WriteLine(
            $"Events: {stats.EventsKept} kept of {stats.EventsRecorded} recorded (limit {stats.EventCapacity}): " +
            $"{stats.InfoEvents} info, {stats.WarningEvents} warning, {stats.ErrorEvents} error · spans: {stats.SpansKept} kept of {stats.SpansRecorded}");
        foreach (var problem in service.StartupProblems)
        {
            output.WriteWarning(problem);
        }

        if (stats.RefusedMeasurements > 0)
        {
            output.WriteWarning($"{stats.RefusedMeasurements} measurements were dropped because more than {stats.MaxSeries} metric series exist (raise telemetry.maxMetrics).");
        }

        var points = service.Metrics();
        if (points.Count == 0)
        {
            output.WriteLine("No metrics recorded yet.");
            return ExitCodes.Success;
        }

        foreach (var highlight in TelemetryHighlights.Describe(points))
        {
            output.WriteLine(highlight);
        }

        var values = new TextTable("Metric", "Tags", "Kind", "Value") { Title = "Counters and gauges" };
        var timers = new TextTable("Metric", "Tags", "Unit", "Count", "Avg", "P50", "P95", "P99", "Min", "Max") { Title = "Timers and histograms" };
        foreach (var point in points)
        {
            if (point.Distribution is { } d)
            {
                timers.AddRow(point.Name, point.TagText, point.Unit ?? "", d.Count.ToString(CultureInfo.InvariantCulture), Number(d.Average), Number(d.P50), Number(d.P95), Number(d.P99), Number(d.Min), Number(d.Max));
            }
            else
            {
                values.AddRow(point.Name, point.TagText, point.Kind.Label(), Number(point.Value ?? 0));
            }
        }

        if (values.Rows.Count > 0)
        {
            output.WriteTable(values);
        }

        if (timers.Rows.Count > 0)
        {
            output.WriteTable(timers);
        }

        return ExitCodes.Success;
    }

    private int ShowEvents(CommandInvocation invocation, List<string> rest)
    {
        var output = invocation.Output;
        TelemetryLevel? level = null;
        var count = DefaultEventCount;
        var countGiven = false;
        foreach (var word in rest)
        {
            if (level is null && Enum.TryParse<TelemetryLevel>(word, ignoreCase: true, out var parsed) && !int.TryParse(word, out _))
            {
                level = parsed;
            }
            else if (!countGiven && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                count = n;
                countGiven = true;
            }
            else
            {
                return UsageError(output, $"'{word}' is neither a level (info, warning, error) nor a positive number of events.");
            }
        }

        if (!ReportIfOff(output))
        {
            return ExitCodes.Success;
        }

        NoteFreshProcess(invocation);
        var events = service.Events().Where(e => level is null || e.Level == level).ToList();
        var shown = events.Skip(Math.Max(0, events.Count - count)).ToList();
        if (shown.Count == 0)
        {
            output.WriteLine(level is null ? "No events recorded." : $"No {level.Value.ToString().ToLowerInvariant()} events recorded.");
            return ExitCodes.Success;
        }

        var table = new TextTable("Time", "Level", "Source", "Event", "Metadata")
        {
            Title = $"Last {shown.Count} of {events.Count} {(level is null ? "" : level.Value.ToString().ToLowerInvariant() + " ")}events",
        };
        foreach (var e in shown)
        {
            table.AddRow(
                e.Timestamp.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                e.Level.ToString().ToLowerInvariant(),
                e.Source,
                e.Name,
                string.Join(" ", e.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")));
        }

        output.WriteTable(table);
        return ExitCodes.Success;
    }

    private int Export(CommandInvocation invocation, string? file)
    {
        var output = invocation.Output;
        if (!ReportIfOff(output))
        {
            return ExitCodes.Failure;
        }

        var now = service.TimeProvider.GetUtcNow();
        var path = Path.GetFullPath(file ?? $"telemetry-{now.ToLocalTime():yyyyMMdd-HHmmss}.json", currentDirectory());
        var scope = invocation.InRepl
            ? $"Everything this PatCode session recorded in memory since {service.StartedAt:O} (pid {Environment.ProcessId})."
            : $"Only what this short 'patcode telemetry export' process recorded since {service.StartedAt:O} (pid {Environment.ProcessId}): " +
              "telemetry lives in memory per session, so run /telemetry export inside the chat, or configure OTLP/Prometheus, for a session's data.";
        try
        {
            AtomicFile.WriteAllText(path, TelemetryExport.ToJson(service, scope));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteError($"Cannot write {path}: {e.Message} Choose another file: telemetry export <file>.");
            return ExitCodes.Failure;
        }

        NoteFreshProcess(invocation);
        var stats = service.Stats();
        output.WriteLine($"Exported {service.Metrics().Count} metric series, {stats.EventsKept} events and {stats.SpansKept} spans to {path}");
        return ExitCodes.Success;
    }

    private int Clear(IUserOutput output)
    {
        if (!ReportIfOff(output))
        {
            return ExitCodes.Success;
        }

        service.Clear();
        output.WriteLine("Telemetry cleared: metrics, events and spans kept in memory are gone (exporters keep what they already sent).");
        return ExitCodes.Success;
    }

    private bool ReportIfOff(IUserOutput output)
    {
        if (service.Enabled)
        {
            return true;
        }

        output.WriteLine("Telemetry is off (telemetry.enabled is false): set TELEMETRY_ENABLED=true or \"telemetry\": { \"enabled\": true } in config.json to turn it on.");
        return false;
    }

    private static void NoteFreshProcess(CommandInvocation invocation)
    {
        if (!invocation.InRepl)
        {
            invocation.Output.WriteDim("Note: this 'patcode telemetry' process has only just started, so it shows its own measurements only; telemetry is kept in memory per chat session (use /telemetry there, or an OTLP/Prometheus exporter for history).");
        }
    }

    private int UsageError(IUserOutput output, string problem)
    {
        output.WriteError(problem);
        output.WriteLine("Usage:");
        foreach (var line in Usage)
        {
            output.WriteLine("  " + line);
        }

        return ExitCodes.Usage;
    }

    /// <summary>Whole numbers when large; small ones (durations are in seconds) keep six decimals, down to microseconds.</summary>
    private static string Number(double value) => value.ToString(Math.Abs(value) switch
    {
        >= 1000 => "0",
        >= 1 => "0.###",
        _ => "0.######",
    }, CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
