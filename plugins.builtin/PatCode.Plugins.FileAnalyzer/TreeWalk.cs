namespace PatCode.Plugins.FileAnalyzer;

/// <summary>What walking the tree found, before any file is read.</summary>
internal sealed record TreeWalk
{
    public required string Root { get; init; }

    public required IReadOnlyList<FileEntry> Files { get; init; }

    public int DirectoryCount { get; init; }

    public int IgnoredEntries { get; init; }

    public int SkippedDirectories { get; init; }

    public int SymlinksOutsideRoot { get; init; }

    public int SymlinkedDirectoriesNotFollowed { get; init; }

    /// <summary>FIFOs, sockets and devices in the tree: not files to read, so neither listed nor opened.</summary>
    public int SpecialFiles { get; init; }

    public bool FileCapReached { get; init; }

    public required string IgnoreSource { get; init; }
}
