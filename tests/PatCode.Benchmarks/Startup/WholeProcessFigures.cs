using System.Diagnostics;
using System.Globalization;
using PatCode.Benchmarks.Plugins;
using PatCode.Testing.Ollama;

namespace PatCode.Benchmarks.Startup;

/// <summary>
/// Whole processes as users run them (the ReadyToRun publish of scripts/bench.sh, output piped), each against the
/// floor of the same run: <c>startup.hello_ms</c>, a hello-world console app published the same way.
/// <list type="bullet">
/// <item><c>cli.version_ms</c>: <c>patcode --version</c>.</item>
/// <item><c>plugins.list_process_ms</c>: <c>patcode plugins list</c> over the 3 built-ins and 5 enabled plugins from the user's folder.</item>
/// <item><c>ask.process_ms</c>: <c>patcode ask "…"</c> in a fresh PATCODE_HOME, 3 built-ins + cache + telemetry, the Ollama emulator answering at once.</item>
/// <item><c>ask.process_hit_ms</c>: the same question again in a home that has answered it (a cache hit: no model call).</item>
/// <item><c>ask.process_bare_ms</c>: <c>ask</c> with PLUGINS_ENABLED=false CACHE_ENABLED=false.</item>
/// <item><c>ask.peak_rss_mb</c>: the ask process's peak resident set (wait4's ru_maxrss), median of 5.</item>
/// </list>
/// Each timing is also given as <c>…_x_floor</c>, its ratio to the floor. Runs go round-robin (one of each per
/// round, 3 warm-up rounds, then 15), so the noise of the shared machine falls on all of them alike; medians.
/// </summary>
internal sealed class WholeProcessFigures : IFigureSource
{
    private const string Question = "explain what the Program.cs file in this project does";
    private const int WarmUps = 3;
    private const int Rounds = 15;

    private static readonly string[] Timed = ["cli.version_ms", "plugins.list_process_ms", "ask.process_ms", "ask.process_hit_ms", "ask.process_bare_ms"];
    private static readonly string[] UserPlugins = ["TestPlugins.Alpha", "TestPlugins.Beta", "TestPlugins.Stopper", "TestPlugins.Last", "TestPlugins.JsonNew"];

    public IReadOnlyList<string> Names { get; } = ["startup.hello_ms", .. Timed, .. Timed.Select(n => n + "_x_floor"), "ask.peak_rss_mb"];

    public IEnumerable<Figure> Measure() => MeasureAsync().GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<Figure>> MeasureAsync()
    {
        var host = HostProcess.Locate();
        var hello = Environment.GetEnvironmentVariable("PATCODE_BENCH_HELLO") ?? throw new InvalidOperationException("startup.hello_ms times the published hello-world app: run it through scripts/bench.sh");
        await using var emulator = await OllamaEmulator.StartAsync();
        emulator.TokenDelay = TimeSpan.Zero;
        var scratch = Directory.CreateTempSubdirectory("patcode-bench-process-").FullName;
        try
        {
            var project = CreateProject(Path.Combine(scratch, "project"));
            var listHome = Path.Combine(scratch, "list-home");
            foreach (var plugin in UserPlugins)
            {
                BenchPaths.CopyDirectory(BenchPaths.TestPlugin(plugin), Path.Combine(listHome, "plugins", plugin));
            }

            foreach (var name in new[] { "Alpha", "Beta", "Stopper", "Zulu", "JsonNew" })
            {
                await RunAsync(host, Env(listHome, emulator), null, null, "plugins", "enable", name);
            }

            var hitHome = Path.Combine(scratch, "hit-home");
            await AskAsync(host, Env(hitHome, emulator), project, emulator, expectModelCall: true);
            var bareHome = Path.Combine(scratch, "bare-home");
            var bare = Env(bareHome, emulator);
            bare["PLUGINS_ENABLED"] = "false";
            bare["CACHE_ENABLED"] = "false";

            var runs = new (string Name, Func<Task<double>> Run)[]
            {
                ("startup.hello_ms", () => RunAsync(hello, [], null, null)),
                ("cli.version_ms", () => RunAsync(host, Env(Path.Combine(scratch, "version-home"), emulator), null, null, "--version")),
                ("plugins.list_process_ms", () => ListAsync(host, Env(listHome, emulator))),
                ("ask.process_ms", () => FreshAskAsync(host, scratch, project, emulator)),
                ("ask.process_hit_ms", () => AskAsync(host, Env(hitHome, emulator), project, emulator, expectModelCall: false)),
                ("ask.process_bare_ms", () => AskAsync(host, bare, project, emulator, expectModelCall: true)),
            };
            var times = runs.ToDictionary(r => r.Name, _ => new List<double>());
            for (var round = 0; round < WarmUps + Rounds; round++)
            {
                foreach (var (name, run) in runs)
                {
                    var elapsed = await run();
                    if (round >= WarmUps)
                    {
                        times[name].Add(elapsed);
                    }
                }
            }

            var floor = Median(times["startup.hello_ms"]);
            var figures = new List<Figure> { new("startup.hello_ms", Math.Round(floor, 1), "ms") };
            foreach (var name in Timed)
            {
                var median = Median(times[name]);
                figures.Add(new Figure(name, Math.Round(median, 1), "ms"));
                figures.Add(new Figure(name + "_x_floor", Math.Round(median / floor, 2), "x"));
            }

            var peaks = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                peaks.Add(await PeakResidentMegabytesAsync(host, scratch, project, emulator));
            }

            figures.Add(new Figure("ask.peak_rss_mb", Math.Round(Median(peaks), 1), "MB"));
            return figures;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>A small project to ask about, so FileAnalyzer and CodeExplainer have something to read.</summary>
    private static string CreateProject(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "Console.WriteLine(Greeter.Greet(args.FirstOrDefault() ?? \"world\"));\n");
        for (var i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(folder, "src", $"Part{i}.cs"), $"namespace Demo;\n\npublic static class Part{i}\n{{\n    public static int Value() => {i};\n}}\n");
        }

        File.WriteAllText(Path.Combine(folder, "README.md"), "# Demo\n\nA project to ask about.\n");
        return folder;
    }

    private static Dictionary<string, string> Env(string home, OllamaEmulator emulator) => new()
    {
        ["PATCODE_HOME"] = home,
        ["OLLAMA_HOST"] = emulator.BaseUri.Authority,
    };

    private static async Task<double> FreshAskAsync(string host, string scratch, string project, OllamaEmulator emulator)
    {
        var home = Path.Combine(scratch, "fresh-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await AskAsync(host, Env(home, emulator), project, emulator, expectModelCall: true);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<double> ListAsync(string host, Dictionary<string, string> environment)
    {
        var output = new List<string>();
        var elapsed = await RunAsync(host, environment, output, null, "plugins", "list");
        return output.Single().Contains("Active", StringComparison.Ordinal)
            ? elapsed
            : throw new InvalidOperationException($"patcode plugins list listed no active plugin: {output.Single()}");
    }

    /// <summary>One ask; checks the answer came, and that the model was (or, for a cache hit, was not) called.</summary>
    private static async Task<double> AskAsync(string host, Dictionary<string, string> environment, string project, OllamaEmulator emulator, bool expectModelCall)
    {
        emulator.ClearRequests();
        var output = new List<string>();
        var elapsed = await RunAsync(host, environment, output, workingDirectory: project, "ask", Question);
        var called = emulator.ChatRequests.Count > 0;
        if (output.Single().Trim().Length == 0 || called != expectModelCall)
        {
            throw new InvalidOperationException($"patcode ask: answer '{output.Single()}', model called: {called}, expected: {expectModelCall}");
        }

        return elapsed;
    }

    private static async Task<double> PeakResidentMegabytesAsync(string host, string scratch, string project, OllamaEmulator emulator)
    {
        var home = Path.Combine(scratch, "rss-" + Guid.NewGuid().ToString("N"));
        var report = Path.Combine(scratch, "rss.txt");
        var helper = Path.Combine(AppContext.BaseDirectory, "Startup", "peak_rss.py");
        try
        {
            await RunAsync("python3", Env(home, emulator), null, workingDirectory: project, helper, report, host, "ask", Question);
            return long.Parse(File.ReadAllText(report).Trim(), CultureInfo.InvariantCulture) / 1024.0;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Runs to the end with output piped; wall-clock milliseconds. Fails on a non-zero exit or anything on stderr.</summary>
    private static async Task<double> RunAsync(string program, Dictionary<string, string> environment, List<string>? output, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0 || (await stderr).Length > 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }

        output?.Add(await stdout);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
