using System.Globalization;

namespace PatCode.Benchmarks.Analyzer;

/// <summary>A throw-away source tree: <c>directories × filesPerDirectory</c> small text files of mixed languages, plus ignored noise.</summary>
internal sealed class GeneratedTree : IDisposable
{
    private static readonly string[] Extensions = [".cs", ".ts", ".py", ".md", ".json", ".go", ".txt", ".yml"];

    public GeneratedTree(int directories, int filesPerDirectory, bool asGitRepository = false)
    {
        Root = Path.Combine(Path.GetTempPath(), $"patcode-bench-tree-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        if (asGitRepository)
        {
            LibGit2Sharp.Repository.Init(Root);
        }

        File.WriteAllText(Path.Combine(Root, ".gitignore"), "*.log\ndist/\n");
        var body = string.Concat(Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"    line {i} of some source text;\n")));
        for (var d = 0; d < directories; d++)
        {
            var directory = Path.Combine(Root, $"module{d / 10:00}", $"part{d % 10:00}");
            Directory.CreateDirectory(directory);
            for (var f = 0; f < filesPerDirectory; f++)
            {
                File.WriteAllText(Path.Combine(directory, $"file{f:000}{Extensions[(d + f) % Extensions.Length]}"), body);
            }

            File.WriteAllText(Path.Combine(directory, "build.log"), "ignored\n");
        }

        Directory.CreateDirectory(Path.Combine(Root, "node_modules", "dep"));
        File.WriteAllText(Path.Combine(Root, "node_modules", "dep", "index.js"), "skipped\n");
    }

    public string Root { get; }

    public void Dispose()
    {
        // git marks its object files read-only.
        foreach (var file in Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Root, recursive: true);
    }
}
