using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Testing;

namespace PatCode.Benchmarks.Plugins;

/// <summary>
/// The plugin worker, as users get it (the ReadyToRun worker published beside patcode, when bench.sh published
/// one), with a real plugin that adds one section (Zulu, from TestPlugins.Last):
/// <list type="bullet">
/// <item><c>plugins.worker_start_ms</c>: spawn to ready (connected, handshake done, plugin loaded), median of 15 starts.</item>
/// <item><c>plugins.remote_call_us</c>: p50 of one chain turn (CanHandle and ExecuteAsync in one round trip) on a warm worker: over
/// 20,000 calls, after at least 1000 calls and 5 s of them (both runtimes' tier-1 compilation of the hot path settles in ~3 s here).</item>
/// <item><c>plugins.worker_rss_mb</c>: resident memory of an idle worker after those calls, median over the started workers.</item>
/// <item><c>plugins.worker_pss_mb</c>: its proportional share (Pss in /proc/PID/smaps_rollup): the runtime and framework pages
/// it shares with patcode and the other workers are counted once across them, so this is what one more worker costs.</item>
/// </list>
/// </summary>
internal sealed class WorkerFigures : IFigureSource
{
    private const int MeasuredCalls = 20_000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Names => ["plugins.remote_call_us", "plugins.worker_start_ms", "plugins.worker_rss_mb", "plugins.worker_pss_mb"];

    public IEnumerable<Figure> Measure() => MeasureAsync().GetAwaiter().GetResult();

    private static async Task<IEnumerable<Figure>> MeasureAsync()
    {
        var plugin = PluginDiscovery.Discover([new PluginRoot(BenchPaths.TestPlugins, PluginSource.Development)]).Single(p => p.Name == "Zulu");
        var sockets = Directory.CreateTempSubdirectory("patcode-bench-").FullName;
        try
        {
            var starts = new List<double>();
            var resident = new List<double>();
            var proportional = new List<double>();
            double callMicros = 0;
            for (var i = 0; i < 17; i++)
            {
                var watch = Stopwatch.StartNew();
                var worker = await StartAsync(plugin, sockets);
                watch.Stop();
                try
                {
                    if (i >= 2)
                    {
                        starts.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    if (i == 2)
                    {
                        callMicros = await RoundTripAsync(worker);
                    }

                    if (i >= 2 && i < 7)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1));
                        resident.Add(Megabytes($"/proc/{worker.ProcessId!.Value}/status", "VmRSS:"));
                        proportional.Add(Megabytes($"/proc/{worker.ProcessId!.Value}/smaps_rollup", "Pss:"));
                    }
                }
                finally
                {
                    await worker.UnloadAsync(TimeSpan.FromSeconds(5));
                }
            }

            return
            [
                new Figure("plugins.remote_call_us", Math.Round(callMicros, 1), "us"),
                new Figure("plugins.worker_start_ms", Math.Round(Median(starts), 1), "ms"),
                new Figure("plugins.worker_rss_mb", Math.Round(Median(resident), 1), "MB"),
                new Figure("plugins.worker_pss_mb", Math.Round(Median(proportional), 1), "MB"),
            ];
        }
        finally
        {
            Directory.Delete(sockets, recursive: true);
        }
    }

    /// <summary>The worker published beside the benchmarked host (ReadyToRun), else the one the build made.</summary>
    internal static string WorkerExecutable()
    {
        var host = Environment.GetEnvironmentVariable("PATCODE_BENCH_HOST");
        return host is not null
            ? Path.Combine(Path.GetDirectoryName(host)!, PatCode.Core.Plugins.Loading.Workers.WorkerExecutable.Name)
            : Path.Combine(BenchPaths.RepoRoot, "host", "PatCode.PluginWorker", "bin", "Release", "net10.0", PatCode.Core.Plugins.Loading.Workers.WorkerExecutable.Name + ".dll");
    }

    private static Task<WorkerInvoker> StartAsync(DiscoveredPlugin plugin, string sockets)
    {
        var services = InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System).CreateFor(plugin.Name);
        var launch = new WorkerLaunch(plugin.Name, new WorkerOptions { Executable = WorkerExecutable() }, sockets, Environment.CurrentDirectory, NullLogger.Instance, new WorkerHostCallbacks(services, NullLogger.Instance, NullLogger.Instance), (int)Microsoft.Extensions.Logging.LogLevel.None);
        return WorkerInvoker.StartAsync(launch, plugin.AssemblyPath!, TimeSpan.FromSeconds(5), services, NullLogger.Instance, _ => null, _ => { }, CancellationToken.None);
    }

    private static async Task<double> RoundTripAsync(WorkerInvoker worker)
    {
        var request = new ChainRequest("explain this function please", "/tmp", [], []);
        using var watch = new CanHandleWatch(null);

        // Warm: for its first seconds of calls, each runtime (this one and the worker's) compiles the hot path
        // again at tier 1 on a background thread, which took ~0.7 of this machine's two cores under perf. Timing
        // calls meanwhile would time that compilation, not a warm worker's round trip.
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < 1000 || warming.Elapsed < WarmUp; i++)
        {
            await TurnAsync(worker, watch, request);
        }

        var times = new List<double>(MeasuredCalls);
        for (var i = 0; i < MeasuredCalls; i++)
        {
            times.Add(await TurnAsync(worker, watch, request));
        }

        return Median(times);
    }

    /// <summary>One chain turn on the worker, in microseconds; throws unless it added its section.</summary>
    private static async Task<double> TurnAsync(WorkerInvoker worker, CanHandleWatch watch, ChainRequest request)
    {
        var state = new ChainState(request);
        var started = Stopwatch.GetTimestamp();
        var result = await worker.RunAsync(new PluginTurn(state, watch, 0, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), Stopwatch.GetTimestamp()), CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result.Outcome != PluginRunOutcome.Succeeded || state.Sections.Count != 1)
        {
            throw new InvalidOperationException($"The remote call did not add its section: {result}");
        }

        return elapsed.TotalMicroseconds;
    }

    /// <summary>The kB figure on the line of <paramref name="file"/> that starts with <paramref name="key"/>, in MB.</summary>
    private static double Megabytes(string file, string key)
    {
        var line = File.ReadLines(file).First(l => l.StartsWith(key, StringComparison.Ordinal));
        var kilobytes = long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
