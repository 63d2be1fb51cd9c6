namespace PatCode.Benchmarks.Plugins;

/// <summary>
/// plugins.list_process_ms: the whole `patcode plugins list` process, as a user runs it (the ReadyToRun
/// build that install.sh publishes, output piped), over 5 enabled user plugins. Median of 15 runs after 3
/// warm-ups.
/// </summary>
internal sealed class ListProcessFigure : IFigureSource
{
    private static readonly string[] Plugins = ["TestPlugins.Alpha", "TestPlugins.Beta", "TestPlugins.Stopper", "TestPlugins.Last", "TestPlugins.JsonNew"];

    public IReadOnlyList<string> Names => ["plugins.list_process_ms"];

    public IEnumerable<Figure> Measure()
    {
        var host = HostProcess.Locate();
        var home = Directory.CreateTempSubdirectory("patcode-bench-").FullName;
        try
        {
            foreach (var plugin in Plugins)
            {
                BenchPaths.CopyDirectory(BenchPaths.TestPlugin(plugin), Path.Combine(home, "plugins", plugin));
            }

            foreach (var name in new[] { "Alpha", "Beta", "Stopper", "Zulu", "JsonNew" })
            {
                Run(host, home, "plugins", "enable", name);
            }

            for (var i = 0; i < 3; i++)
            {
                Run(host, home, "plugins", "list");
            }

            var times = Enumerable.Range(0, 15).Select(_ => Run(host, home, "plugins", "list")).Order().ToList();
            yield return new Figure("plugins.list_process_ms", Math.Round(times[times.Count / 2], 1), "ms");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static double Run(string host, string home, params string[] args)
    {
        var (elapsed, output) = HostProcess.Time(host, home, workingDirectory: null, args);
        return args[1] != "list" || output.Contains("Active", StringComparison.Ordinal)
            ? elapsed
            : throw new InvalidOperationException($"patcode {string.Join(' ', args)} listed no active plugin: {output}");
    }
}
