namespace PatCode.Plugins.FileAnalyzer;

/// <summary>The result of analysing a tree.</summary>
internal sealed record ProjectAnalysis
{
    public required TreeWalk Walk { get; init; }

    public long TotalBytes { get; init; }

    public long TotalLines { get; init; }

    public int BinaryFiles { get; init; }

    /// <summary>Files larger than the size cap: counted, but their lines are not.</summary>
    public int FilesOverSizeCap { get; init; }

    public required IReadOnlyList<LanguageStats> Languages { get; init; }

    public required IReadOnlyList<ExtensionCount> TopExtensions { get; init; }

    public required IReadOnlyList<FileSize> LargestFiles { get; init; }
}
