using LibGit2Sharp;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>Builds real repositories with LibGit2Sharp: files, staged changes and commits at fixed times.</summary>
internal static class GitTestRepository
{
    private static readonly DateTimeOffset FirstCommitTime = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Repository Init(string path) => new(Repository.Init(path));

    public static void Write(Repository repository, string relativePath, string content)
    {
        var full = Path.Combine(repository.Info.WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public static Commit Commit(Repository repository, string relativePath, string content, string message)
    {
        Write(repository, relativePath, content);
        Commands.Stage(repository, relativePath);
        // Fixed, increasing times keep the log order independent of the clock.
        var when = FirstCommitTime.AddMinutes(repository.Commits.Count());
        var signature = new Signature("Ada Tester", "ada@example.com", when);
        return repository.Commit(message, signature, signature);
    }
}
