namespace PatCode.Plugins.FileAnalyzer;

/// <summary>A file the walk kept, with what the fingerprint and the report need.</summary>
internal sealed record FileEntry(string RelativePath, string FullPath, long Length, long LastWriteTicks);
