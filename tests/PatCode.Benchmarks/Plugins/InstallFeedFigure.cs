using System.Security.Cryptography;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace PatCode.Benchmarks.Plugins;

/// <summary>
/// plugins.install_feed_ms: the whole `patcode plugins install &lt;id&gt;` process from a local folder feed named in
/// the working directory's nuget.config, for a 1 MB plugin package (a real plugin plus 1 MB of incompressible data),
/// into an empty PatCode home each time. Median of 15 runs after 3 warm-ups.
/// </summary>
internal sealed class InstallFeedFigure : IFigureSource
{
    private const string PackageId = "Bench.PatCode.OneMegabyte";

    public IReadOnlyList<string> Names => ["plugins.install_feed_ms"];

    public IEnumerable<Figure> Measure()
    {
        var host = HostProcess.Locate();
        var root = Directory.CreateTempSubdirectory("patcode-bench-feed-").FullName;
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
            var size = WritePackage(feed, Directory.CreateDirectory(Path.Combine(root, "padding")).FullName);
            if (size < 1_000_000)
            {
                throw new InvalidOperationException($"the bench package is {size} bytes, not 1 MB");
            }

            File.WriteAllText(Path.Combine(work, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="bench" value="feed" />
                  </packageSources>
                </configuration>
                """);
            var run = 0;
            double Install()
            {
                var home = Path.Combine(root, $"home-{run++}");
                var (elapsed, output) = HostProcess.Time(host, home, work, "plugins", "install", PackageId);
                Directory.Delete(home, recursive: true);
                return output.Contains($"from {PackageId} 1.0.0", StringComparison.Ordinal)
                    ? elapsed
                    : throw new InvalidOperationException($"the install did not say it installed {PackageId}: {output}");
            }

            for (var i = 0; i < 3; i++)
            {
                Install();
            }

            var times = Enumerable.Range(0, 15).Select(_ => Install()).Order().ToList();
            yield return new Figure("plugins.install_feed_ms", Math.Round(times[times.Count / 2], 1), "ms");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Writes the package (TestPlugins.Alpha's folder plus 1 MiB of random bytes under plugin/) and returns its size.</summary>
    private static long WritePackage(string feed, string scratch)
    {
        var padding = Path.Combine(scratch, "padding.bin");
        File.WriteAllBytes(padding, RandomNumberGenerator.GetBytes(1 << 20));
        var builder = new PackageBuilder { Id = PackageId, Version = NuGetVersion.Parse("1.0.0"), Description = "A 1 MB plugin package for the install benchmark" };
        builder.Authors.Add("PatCode benchmarks");
        builder.PackageTypes.Add(new PackageType("PatCodePlugin", PackageType.EmptyVersion));
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"), [new PackageDependency("PatCode.Sdk", VersionRange.Parse("1.0.0"))]));
        var plugin = BenchPaths.TestPlugin("TestPlugins.Alpha");
        foreach (var file in Directory.GetFiles(plugin, "*", SearchOption.AllDirectories))
        {
            builder.Files.Add(new PhysicalPackageFile { SourcePath = file, TargetPath = "plugin/" + Path.GetRelativePath(plugin, file).Replace('\\', '/') });
        }

        builder.Files.Add(new PhysicalPackageFile { SourcePath = padding, TargetPath = "plugin/padding.bin" });
        var path = Path.Combine(feed, $"{PackageId}.1.0.0.nupkg");
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        return new FileInfo(path).Length;
    }
}
