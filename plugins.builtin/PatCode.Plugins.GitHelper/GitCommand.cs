using System.Globalization;
using LibGit2Sharp;

namespace PatCode.Plugins.GitHelper;

/// <summary>The <c>/git status | log [n] | diff [path]</c> command. Bad input gets one line saying what to type instead.</summary>
internal static class GitCommand
{
    public const string Name = "git";
    public const string Help = "status | log [n] | diff [path]: the repository's state, its last n commits, or the uncommitted diff";
    public const string Usage = "Usage: /git status | /git log [n] | /git diff [path]";

    /// <summary>Most commits <c>/git log</c> shows, however many are asked for.</summary>
    public const int MaxLogCount = 100;

    /// <summary>Longest diff <c>/git diff</c> prints; a longer one is cut and says so.</summary>
    public const int MaxDiffChars = 20_000;

    public static string Run(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var subcommand = arguments.Count == 0 ? "status" : arguments[0].ToLowerInvariant();
        var workingTree = GitRepositoryReader.FindWorkingTree(workingDirectory);
        if (workingTree is null)
        {
            return $"Not inside a git repository: {workingDirectory}. Start PatCode in a folder of a git repository.";
        }

        return subcommand switch
        {
            "status" when arguments.Count <= 1 => Status(workingDirectory, cancellationToken),
            "log" when arguments.Count <= 2 => Log(workingTree, arguments.Count == 2 ? arguments[1] : null),
            "diff" when arguments.Count <= 2 => Diff(workingTree, workingDirectory, arguments.Count == 2 ? arguments[1] : null),
            _ => $"Unknown or malformed git command '{string.Join(' ', arguments)}'. {Usage}",
        };
    }

    private static string Status(string workingDirectory, CancellationToken cancellationToken)
    {
        var snapshot = GitRepositoryReader.TryRead(workingDirectory, commitCount: 5, cancellationToken);
        return snapshot is null ? "Not inside a git repository." : GitReportFormatter.FormatStatus(snapshot);
    }

    private static string Log(string workingTree, string? countText)
    {
        var count = 10;
        if (countText is not null && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            return $"'{countText}' is not a number of commits; use a whole number such as /git log 20.";
        }

        using var repository = new Repository(workingTree);
        var commits = GitRepositoryReader.ReadLog(repository, Math.Min(count, MaxLogCount));
        if (commits.Count == 0)
        {
            return "No commits yet.";
        }

        var text = GitReportFormatter.FormatLog(commits).TrimEnd();
        return count > MaxLogCount ? $"{text}\n(showing the last {MaxLogCount} commits at most)" : text;
    }

    private static string Diff(string workingTree, string workingDirectory, string? path)
    {
        string[]? paths = null;
        if (path is not null)
        {
            var relative = Path.GetRelativePath(workingTree, Path.GetFullPath(Path.Combine(workingDirectory, path)));
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                return $"'{path}' is outside the repository at {workingTree}; give a path inside it.";
            }

            paths = [relative == "." ? "*" : relative.Replace('\\', '/')];
        }

        using var repository = new Repository(workingTree);
        var patch = GitRepositoryReader.ReadPatch(repository, paths);
        if (patch.Length == 0)
        {
            return path is null ? "No uncommitted changes." : $"No uncommitted changes in {path}.";
        }

        return patch.Length <= MaxDiffChars
            ? patch.TrimEnd()
            : $"{patch[..MaxDiffChars].TrimEnd()}\n… diff cut at {MaxDiffChars} characters of {patch.Length}; narrow it with /git diff <path>.";
    }
}
