using System.Diagnostics;
using PatCode.Benchmarks.Plugins;
using PatCode.Testing.Ollama;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// <c>ask.process_overhead_ms</c>: what running plugins out of process costs a whole <c>patcode ask</c>, as users
/// run it (the ReadyToRun build bench.sh publishes) against a local emulator that answers at once, with three
/// plugins from the user's folder: the median with all three in workers minus the median with all three in
/// process, runs alternating in the same session (15 each, after 3 warm-ups each). Workers start in parallel
/// with the model check, so this is what is left after that overlap.
/// </summary>
internal sealed class AskProcessOverheadFigure : IFigureSource
{
    private static readonly string[] Projects = ["TestPlugins.Alpha", "TestPlugins.Services", "TestPlugins.Last"];

    public IReadOnlyList<string> Names => ["ask.process_overhead_ms"];

    public IEnumerable<Figure> Measure() => [MeasureAsync().GetAwaiter().GetResult()];

    private static async Task<Figure> MeasureAsync()
    {
        var host = Environment.GetEnvironmentVariable("PATCODE_BENCH_HOST") ?? throw new InvalidOperationException("ask.process_overhead_ms times the published host: run it through scripts/bench.sh");
        var home = Directory.CreateTempSubdirectory("patcode-bench-ask-").FullName;
        await using var emulator = await OllamaEmulator.StartAsync();
        try
        {
            foreach (var project in Projects)
            {
                BenchPaths.CopyDirectory(BenchPaths.TestPlugin(project), Path.Combine(home, "plugins", project));
            }

            foreach (var name in new[] { "Alpha", "Services", "Zulu" })
            {
                await RunAsync(host, home, emulator, null, "plugins", "enable", name);
            }

            var times = new Dictionary<string, List<double>> { ["process"] = [], ["in-process"] = [] };
            for (var i = 0; i < 18; i++)
            {
                foreach (var isolation in times.Keys)
                {
                    emulator.ClearRequests();
                    var elapsed = await RunAsync(host, home, emulator, isolation, "ask", "explain this function please");
                    if (!emulator.ChatRequests.Single().PromptText.Contains("(from Zulu)", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"The plugins' sections did not reach the model ({isolation}).");
                    }

                    if (i >= 3)
                    {
                        times[isolation].Add(elapsed);
                    }
                }
            }

            return new Figure("ask.process_overhead_ms", Math.Round(Median(times["process"]) - Median(times["in-process"]), 1), "ms");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<double> RunAsync(string host, string home, OllamaEmulator emulator, string? isolation, params string[] args)
    {
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATCODE_HOME"] = home;
        start.Environment["OLLAMA_HOST"] = emulator.BaseUri.Authority;
        if (isolation is not null)
        {
            start.Environment["PATCODE_PLUGIN_ISOLATION"] = isolation;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0 || (await error).Length > 0)
        {
            throw new InvalidOperationException($"patcode {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
