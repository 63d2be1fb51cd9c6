using System.Text;
using PatCode.Core.IO;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Reads .gitignore files itself, for trees that are not a git repository: each directory's .gitignore
/// applies below it, later and deeper lines win, and "!" re-includes.
/// </summary>
internal sealed class GitIgnoreFileFilter : IPathFilter
{
    private readonly List<GitIgnorePattern> _patterns = [];

    public string Description => _patterns.Count == 0 ? "no .gitignore found" : ".gitignore files";

    // Far more than any real .gitignore; a bigger one is read only this far.
    private const int MaxFileBytes = 1024 * 1024;

    public void EnterDirectory(string relativeDirectory, string fullDirectory)
    {
        var file = Path.Combine(fullDirectory, ".gitignore");
        if (RegularFile.KindOf(file) != FileKind.Regular)
        {
            return; // none, or a FIFO or device named .gitignore, which would block or never end
        }

        string text;
        try
        {
            var bytes = RegularFile.ReadAtMost(file, MaxFileBytes);
            text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxFileBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var baseDirectory = relativeDirectory.Length == 0 ? "" : relativeDirectory + "/";
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
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
