using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>Builds the context section that tells the model how to explain the code it was given.</summary>
internal static partial class ExplanationPrompt
{
    /// <summary>Loaded files are repeated in the section; beyond this many lines only the start is included.</summary>
    public const int MaxFileLines = 400;

    public static string Build(IReadOnlyList<CodeSnippet> snippets, RequestLanguage language)
    {
        var text = new StringBuilder();
        if (snippets.Count == 0)
        {
            text.AppendLine("The user asks for a code explanation, but there is no code in the message and no file loaded into the context.");
            text.AppendLine("Ask them to paste the code in a fenced block (```) or to load the file with /load <path>; do not invent code.");
            AppendAnswerLanguage(text, language);
            return text.ToString().TrimEnd();
        }

        var languages = snippets.Select(LanguageDetector.Detect).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"The user asks for an explanation of the code listed below ({Describe(snippets, languages)}).");
        AppendAnswerLanguage(text, language);
        text.AppendLine("Structure the answer in these parts:");
        text.AppendLine("1. Summary: what the code does and what it is for, in two or three sentences.");
        text.AppendLine("2. Line by line: go through the code in order, quoting each line or small group of lines before explaining it; group trivial lines together.");
        text.AppendLine(snippets.Any(s => HasIteration().IsMatch(s.Code))
            ? "3. Complexity: the code has loops, recursion or collection operations, so give its time and space complexity in big-O notation and say which part dominates."
            : "3. Complexity: give time and space complexity in big-O notation where it applies; for declarative, configuration or straight-line code say it does not apply.");
        text.AppendLine("4. Issues and improvements: bugs, unhandled edge cases and errors, security and performance problems, readability; propose concrete changes with code.");
        text.AppendLine("5. Use cases: where and when this code would be used.");
        text.AppendLine();

        for (var i = 0; i < snippets.Count; i++)
        {
            var snippet = snippets[i];
            if (snippet.Source == CodeSource.MessageBlock)
            {
                // The block is already in the user's message; repeating it would only cost tokens.
                text.AppendLine(CultureInfo.InvariantCulture, $"Code {i + 1}: fenced block {i + 1} of the user's message, {languages[i]}, {snippet.LineCount} lines.");
                continue;
            }

            var lines = snippet.Code.Split('\n');
            var shown = lines.Length > MaxFileLines ? $" (only the first {MaxFileLines} are shown):" : ":";
            text.AppendLine(CultureInfo.InvariantCulture, $"Code {i + 1}: file {snippet.FilePath}, {languages[i]}, {lines.Length} lines{shown}");
            var fence = snippet.Code.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
            text.AppendLine(fence + FenceTag(languages[i]));
            text.AppendLine(string.Join('\n', lines.Take(MaxFileLines)));
            text.AppendLine(fence);
        }

        return text.ToString().TrimEnd();
    }

    private static string Describe(IReadOnlyList<CodeSnippet> snippets, List<string> languages)
    {
        var distinct = languages.Distinct(StringComparer.Ordinal).ToList();
        var what = snippets.Count == 1 ? "one piece of code" : $"{snippets.Count} pieces of code";
        return distinct.Count == 1 && distinct[0] == LanguageDetector.Unknown
            ? $"{what}; the language could not be detected, so identify it first"
            : $"{what} in {string.Join(", ", distinct)}";
    }

    private static void AppendAnswerLanguage(StringBuilder text, RequestLanguage language) =>
        text.AppendLine(language == RequestLanguage.Spanish
            ? "The user wrote in Spanish: answer in Spanish."
            : "Answer in the language the user wrote in.");

    private static string FenceTag(string language) => language switch
    {
        LanguageDetector.Unknown => "",
        "C#" => "csharp",
        "C++" => "cpp",
        "F#" => "fsharp",
        _ => language.ToLowerInvariant().Replace(' ', '-'),
    };

    [GeneratedRegex(@"\b(for|foreach|while|do|loop|map|filter|reduce|Select|Where|OrderBy|sort|sorted|recurs\w*)\b|\.forEach\(", RegexOptions.CultureInvariant)]
    private static partial Regex HasIteration();
}
