namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Files and lines of one language.</summary>
internal sealed record LanguageStats(string Language, int Files, long Lines);
