using System.Text;
using System.Text.RegularExpressions;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>One line of a .gitignore file, compiled to a regular expression over '/'-separated paths.</summary>
internal sealed class GitIgnorePattern
{
    private readonly Regex _regex;
    private readonly string _baseDirectory;
    private readonly bool _matchesNameOnly;

    private GitIgnorePattern(Regex regex, string baseDirectory, bool matchesNameOnly, bool isNegation, bool directoryOnly)
    {
        _regex = regex;
        _baseDirectory = baseDirectory;
        _matchesNameOnly = matchesNameOnly;
        IsNegation = isNegation;
        DirectoryOnly = directoryOnly;
    }

    /// <summary>A "!pattern" line: re-includes what earlier lines ignored.</summary>
    public bool IsNegation { get; }

    /// <summary>A "pattern/" line: matches directories only.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>Parses one line of the .gitignore in <paramref name="baseDirectory"/>; <see langword="null"/> for blanks and comments.</summary>
    /// <param name="line">The line as written.</param>
    /// <param name="baseDirectory">The .gitignore's directory relative to the root, "" or ending in '/'.</param>
    public static GitIgnorePattern? Parse(string line, string baseDirectory)
    {
        var text = line.TrimEnd('\r');
        // Trailing spaces are ignored unless escaped.
        while (text.EndsWith(' ') && !text.EndsWith("\\ ", StringComparison.Ordinal))
        {
            text = text[..^1];
        }

        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var negation = text[0] == '!';
        if (negation || text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        if (text.Length == 0)
        {
            return null;
        }

        // A pattern with a slash anywhere but the end is anchored to the .gitignore's directory;
        // otherwise it matches a name at any depth.
        var anchored = text.Contains('/', StringComparison.Ordinal);
        text = text.TrimStart('/');
        var regex = new Regex("^" + ToRegex(text) + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        return new GitIgnorePattern(regex, baseDirectory, matchesNameOnly: !anchored, negation, directoryOnly);
    }

    /// <summary>Whether the pattern matches; <see langword="false"/> for paths outside its .gitignore's directory.</summary>
    public bool Matches(string relativePath, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        if (!relativePath.StartsWith(_baseDirectory, StringComparison.Ordinal))
        {
            return false;
        }

        var local = relativePath[_baseDirectory.Length..];
        if (_matchesNameOnly)
        {
            var slash = local.LastIndexOf('/');
            local = slash < 0 ? local : local[(slash + 1)..];
        }

        return _regex.IsMatch(local);
    }

    private static string ToRegex(string glob)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var atStart = i == 0 || glob[i - 1] == '/';
                    var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                    if (atStart && slashFollows)
                    {
                        pattern.Append("(?:.*/)?"); // "**/" : any number of directories, including none
                        i += 2;
                    }
                    else
                    {
                        pattern.Append(".*"); // "/**" or "a**b": anything, across directories
                        i++;
                    }

                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        pattern.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    pattern.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    pattern.Append(Regex.Escape(glob[i + 1].ToString()));
                    i++;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return pattern.ToString();
    }
}
