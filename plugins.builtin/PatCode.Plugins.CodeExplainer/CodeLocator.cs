using System.Text.RegularExpressions;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>Finds the code to explain: fenced blocks in the message first, otherwise the files loaded into the context.</summary>
internal static partial class CodeLocator
{
    public static IReadOnlyList<CodeSnippet> FindInMessage(string input)
    {
        var snippets = new List<CodeSnippet>();
        foreach (Match match in FencedBlock().Matches(input.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var code = match.Groups["code"].Value;
            if (code.Trim().Length == 0)
            {
                continue;
            }

            var tag = match.Groups["tag"].Value.Trim();
            snippets.Add(new CodeSnippet(code.TrimEnd('\n'), tag.Length == 0 ? null : tag, null, CodeSource.MessageBlock));
        }

        return snippets;
    }

    /// <summary>
    /// Picks loaded files: those the message names (by file name) when it names any, otherwise all of them,
    /// at most <paramref name="maxFiles"/>.
    /// </summary>
    public static IReadOnlyList<CodeSnippet> FindInFiles(string input, IReadOnlyList<PatCode.Sdk.ContextFile> files, int maxFiles)
    {
        var named = files.Where(f => input.Contains(Path.GetFileName(f.Path), StringComparison.OrdinalIgnoreCase)).ToList();
        var chosen = named.Count > 0 ? named : files.ToList();
        return chosen
            .Where(f => !string.IsNullOrWhiteSpace(f.Content))
            .Take(maxFiles)
            .Select(f => new CodeSnippet(f.Content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), null, f.Path, CodeSource.LoadedFile))
            .ToList();
    }

    // An opening fence of ``` or ~~~ (3 or more) with an optional info string, up to the same fence or the end of the text.
    [GeneratedRegex(@"^[ \t]{0,3}(?<fence>`{3,}|~{3,})[ \t]*(?<tag>[^\n`]*)\n(?<code>.*?)(?:^[ \t]{0,3}\k<fence>[ \t]*$|\z)", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FencedBlock();
}
