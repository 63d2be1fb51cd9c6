namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Reads .gitignore files itself, for trees that are not a git repository: each directory's .gitignore
/// applies below it, later and deeper lines win, and "!" re-includes.
/// </summary>
internal sealed class GitIgnoreFileFilter : IPathFilter
{
    private readonly List<GitIgnorePattern> _patterns = [];

    public string Description => _patterns.Count == 0 ? "no .gitignore found" : ".gitignore files";

    public void EnterDirectory(string relativeDirectory, string fullDirectory)
    {
        var file = Path.Combine(fullDirectory, ".gitignore");
        if (!File.Exists(file))
        {
            return;
        }

        var baseDirectory = relativeDirectory.Length == 0 ? "" : relativeDirectory + "/";
        foreach (var line in File.ReadLines(file))
        {
            if (GitIgnorePattern.Parse(line, baseDirectory) is { } pattern)
            {
                _patterns.Add(pattern);
            }
        }
    }

    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        // The walk never enters an ignored directory, so only the entry's own name and path need testing.
        var ignored = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.IsNegation == ignored && pattern.Matches(relativePath, isDirectory))
            {
                ignored = !pattern.IsNegation;
            }
        }

        return ignored;
    }

    public void Dispose()
    {
    }
}
