namespace PatCode.Plugins.FileAnalyzer;

/// <summary>A file and its size, for the largest-files list.</summary>
internal sealed record FileSize(string RelativePath, long Bytes);
