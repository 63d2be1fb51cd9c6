using LibGit2Sharp;

namespace PatCode.Plugins.GitHelper;

/// <summary>
/// Reads a repository through LibGit2Sharp only (never by running git). Every <see cref="Repository"/> is
/// disposed before returning: it holds native handles and file locks.
/// </summary>
internal static class GitRepositoryReader
{
    /// <summary>The working tree root of the repository containing <paramref name="directory"/>, or <see langword="null"/>.</summary>
    public static string? FindWorkingTree(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return null;
        }

        var gitDirectory = Repository.Discover(directory);
        if (gitDirectory is null)
        {
            return null;
        }

        using var repository = new Repository(gitDirectory);
        // A bare repository has no working tree to describe.
        return repository.Info.IsBare ? null : repository.Info.WorkingDirectory;
    }

    /// <summary>Reads branch, upstream, status, recent commits and the diff stat, or <see langword="null"/> outside a repository.</summary>
    public static GitSnapshot? TryRead(string directory, int commitCount, CancellationToken cancellationToken)
    {
        var workingTree = FindWorkingTree(directory);
        if (workingTree is null)
        {
            return null;
        }

        using var repository = new Repository(workingTree);
        cancellationToken.ThrowIfCancellationRequested();
        var head = repository.Head;
        var isUnborn = repository.Info.IsHeadUnborn;
        var isDetached = repository.Info.IsHeadDetached;
        var tracked = !isDetached && !isUnborn ? head.TrackedBranch : null;

        var staged = new List<string>();
        var modified = new List<string>();
        var untracked = new List<string>();
        var conflicted = new List<string>();
        var status = repository.RetrieveStatus(new StatusOptions
        {
            IncludeUntracked = true,
            // Like `git status`: an untracked folder is one entry, so a stray node_modules costs nothing.
            RecurseUntrackedDirs = false,
            IncludeIgnored = false,
        });
        foreach (var entry in status)
        {
            var state = entry.State;
            if (state.HasFlag(FileStatus.Conflicted))
            {
                conflicted.Add(entry.FilePath);
                continue;
            }

            if ((state & (FileStatus.NewInIndex | FileStatus.ModifiedInIndex | FileStatus.DeletedFromIndex | FileStatus.RenamedInIndex | FileStatus.TypeChangeInIndex)) != 0)
            {
                staged.Add(entry.FilePath);
            }

            if ((state & (FileStatus.ModifiedInWorkdir | FileStatus.DeletedFromWorkdir | FileStatus.RenamedInWorkdir | FileStatus.TypeChangeInWorkdir)) != 0)
            {
                modified.Add(entry.FilePath);
            }

            if (state.HasFlag(FileStatus.NewInWorkdir))
            {
                untracked.Add(entry.FilePath);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new GitSnapshot
        {
            WorkingDirectory = workingTree,
            Head = isDetached ? head.Tip.Sha[..7] : head.FriendlyName,
            IsDetached = isDetached,
            IsUnborn = isUnborn,
            Upstream = tracked?.FriendlyName,
            Ahead = tracked is null ? null : head.TrackingDetails.AheadBy,
            Behind = tracked is null ? null : head.TrackingDetails.BehindBy,
            Staged = staged,
            Modified = modified,
            Untracked = untracked,
            Conflicted = conflicted,
            RecentCommits = ReadLog(repository, commitCount),
            Changes = ReadChanges(repository, paths: null),
        };
    }

    /// <summary>The last <paramref name="count"/> commits reachable from HEAD; empty in a repository without commits.</summary>
    public static IReadOnlyList<GitCommitSummary> ReadLog(Repository repository, int count)
    {
        if (repository.Info.IsHeadUnborn || count <= 0)
        {
            return [];
        }

        return repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = repository.Head.Tip, SortBy = CommitSortStrategies.Time | CommitSortStrategies.Topological })
            .Take(count)
            .Select(c => new GitCommitSummary(c.Sha[..7], c.Author.Name, c.Author.When, c.MessageShort))
            .ToList();
    }

    /// <summary>Lines added and deleted per file, staged and unstaged together, against HEAD (or the empty tree before the first commit).</summary>
    public static IReadOnlyList<GitFileChange> ReadChanges(Repository repository, IEnumerable<string>? paths)
    {
        var baseTree = repository.Info.IsHeadUnborn ? null : repository.Head.Tip.Tree;
        const DiffTargets targets = DiffTargets.Index | DiffTargets.WorkingDirectory;
        // Names from TreeChanges and counts from PatchStats: neither builds the patch text, which can be huge.
        using var changes = paths is null
            ? repository.Diff.Compare<TreeChanges>(baseTree, targets)
            : repository.Diff.Compare<TreeChanges>(baseTree, targets, paths);
        using var stats = paths is null
            ? repository.Diff.Compare<PatchStats>(baseTree, targets)
            : repository.Diff.Compare<PatchStats>(baseTree, targets, paths);
        return changes
            .Where(c => IsTracked(repository, c.Status, c.Path))
            .Select(c => stats[c.Path] is { } lines ? new GitFileChange(c.Path, lines.LinesAdded, lines.LinesDeleted) : new GitFileChange(c.Path, 0, 0))
            .ToList();
    }

    /// <summary>The unified diff of staged and unstaged changes against HEAD, optionally limited to paths.</summary>
    public static string ReadPatch(Repository repository, IEnumerable<string>? paths)
    {
        var baseTree = repository.Info.IsHeadUnborn ? null : repository.Head.Tip.Tree;
        using var patch = paths is null
            ? repository.Diff.Compare<Patch>(baseTree, DiffTargets.Index | DiffTargets.WorkingDirectory)
            : repository.Diff.Compare<Patch>(baseTree, DiffTargets.Index | DiffTargets.WorkingDirectory, paths);
        return string.Concat(patch.Where(p => IsTracked(repository, p.Status, p.Path)).Select(p => p.Patch));
    }

    // Comparing with the working directory reports untracked files too; `git diff HEAD` does not, and they are listed apart.
    // An "added" file is either staged (keep it) or untracked (drop it), which only the status tells apart.
    private static bool IsTracked(Repository repository, ChangeKind status, string path) => status switch
    {
        ChangeKind.Untracked => false,
        ChangeKind.Added => repository.RetrieveStatus(path) != FileStatus.NewInWorkdir,
        _ => true,
    };
}
