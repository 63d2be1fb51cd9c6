namespace PatCode.Plugins.GitHelper;

/// <summary>What GitHelper knows about a repository at one moment; plain data, so no LibGit2Sharp object outlives the read.</summary>
internal sealed record GitSnapshot
{
    public required string WorkingDirectory { get; init; }

    /// <summary>The branch name, or the short commit id when HEAD is detached.</summary>
    public required string Head { get; init; }

    public bool IsDetached { get; init; }

    /// <summary>No commit yet: a new, empty repository.</summary>
    public bool IsUnborn { get; init; }

    public string? Upstream { get; init; }

    public int? Ahead { get; init; }

    public int? Behind { get; init; }

    public required IReadOnlyList<string> Staged { get; init; }

    public required IReadOnlyList<string> Modified { get; init; }

    public required IReadOnlyList<string> Untracked { get; init; }

    public required IReadOnlyList<string> Conflicted { get; init; }

    public required IReadOnlyList<GitCommitSummary> RecentCommits { get; init; }

    public required IReadOnlyList<GitFileChange> Changes { get; init; }

    public int TotalLinesAdded => Changes.Sum(c => c.LinesAdded);

    public int TotalLinesDeleted => Changes.Sum(c => c.LinesDeleted);
}
