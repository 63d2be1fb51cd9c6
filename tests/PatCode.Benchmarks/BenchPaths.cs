using System.Reflection;

namespace PatCode.Benchmarks;

/// <summary>Where the build put what the benchmarks measure.</summary>
internal static class BenchPaths
{
    public static string TestPlugins { get; } = Metadata("TestPluginsDirectory");

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string TestPlugin(string project) => Path.Combine(TestPlugins, project);

    public static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static string Metadata(string key) =>
        typeof(BenchPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
