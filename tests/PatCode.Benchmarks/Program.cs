using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using PatCode.Benchmarks;

// Usage: PatCode.Benchmarks [--filter <globs over figure names, comma-separated>] [--out <results.json>] [--quick]
// BenchmarkDotNet methods carry the figure name as their Description ("cache.exact_get_us"); the suffix
// gives the unit. Results merge into the existing results.json, so a filtered run keeps other figures.
var filter = ArgValue(args, "--filter") ?? "*";
var outPath = ArgValue(args, "--out") ?? Path.Combine("artifacts", "bench", "results.json");
var quick = args.Contains("--quick");

var figures = new List<Figure>();
var assembly = Assembly.GetExecutingAssembly();

var benchmarkTypes = assembly.GetTypes()
    .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>() is { } b && Matches(b.Description, filter)))
    .ToArray();
if (benchmarkTypes.Length > 0)
{
    var job = quick ? Job.ShortRun : Job.Default.WithWarmupCount(3).WithIterationCount(15);
    // The generated project builds this one's whole reference graph (the host, every test plugin) from scratch,
    // which can take longer than BenchmarkDotNet's default two minutes on a busy two-core machine.
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(job)
        .WithBuildTimeout(TimeSpan.FromMinutes(10))
        .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
    foreach (var summary in BenchmarkRunner.Run(benchmarkTypes, config))
    {
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>()?.Description;
            if (name is null || !Matches(name, filter) || report.ResultStatistics is null)
            {
                continue;
            }

            figures.Add(FromNanoseconds(name, report.ResultStatistics.Median));
        }
    }
}

foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IFigureSource).IsAssignableFrom(t)))
{
    var source = (IFigureSource)Activator.CreateInstance(type)!;
    if (source.Names.Any(n => Matches(n, filter)))
    {
        figures.AddRange(source.Measure().Where(f => Matches(f.Name, filter)));
    }
}

Merge(outPath, figures);
foreach (var figure in figures)
{
    Console.WriteLine($"{figure.Name} = {figure.Value:0.###} {figure.Unit}");
}

// A benchmark that failed (its build, or a run) leaves its figure out: say which, and fail, so a README table
// is never written from a run that lost figures.
var missing = benchmarkTypes.SelectMany(t => t.GetMethods())
    .Select(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>()?.Description)
    .Where(name => Matches(name, filter) && figures.All(f => f.Name != name))
    .ToList();
if (missing.Count > 0)
{
    Console.Error.WriteLine($"error: no result for {string.Join(", ", missing)}: see BenchmarkDotNet's output above");
    return 1;
}

return 0;

static Figure FromNanoseconds(string name, double ns) => name[(name.LastIndexOf('_') + 1)..] switch
{
    "us" => new Figure(name, Math.Round(ns / 1_000, 3), "us"),
    "ms" => new Figure(name, Math.Round(ns / 1_000_000, 3), "ms"),
    _ => new Figure(name, Math.Round(ns, 1), "ns"),
};

static bool Matches(string? name, string glob)
{
    if (name is null)
    {
        return false;
    }

    // A comma separates several globs: 'startup.*,ask.process*'.
    return glob == "*" || glob.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Any(g => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(g, name, ignoreCase: true));
}

static string? ArgValue(string[] args, string flag)
{
    var index = Array.IndexOf(args, flag);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static void Merge(string path, List<Figure> figures)
{
    var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    var existing = File.Exists(path)
        ? JsonSerializer.Deserialize<List<Figure>>(File.ReadAllText(path), options) ?? []
        : [];
    var byName = existing.ToDictionary(f => f.Name);
    foreach (var figure in figures)
    {
        byName[figure.Name] = figure;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, JsonSerializer.Serialize(byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList(), options) + "\n");
}
