namespace PatCode.Plugins.FileAnalyzer;

/// <summary>How much of a tree the analyzer reads, so a huge folder cannot stall the chat.</summary>
/// <param name="MaxFiles">Files counted before the walk stops.</param>
/// <param name="MaxFileBytes">Files larger than this are counted but their lines are not.</param>
internal sealed record AnalyzerLimits(int MaxFiles, long MaxFileBytes)
{
    public static AnalyzerLimits Default { get; } = new(MaxFiles: 20_000, MaxFileBytes: 1024 * 1024);
}
