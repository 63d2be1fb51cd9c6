namespace PatCode.Plugins.FileAnalyzer;

/// <summary>How many files have one extension ("(none)" for files without).</summary>
internal sealed record ExtensionCount(string Extension, int Files);
