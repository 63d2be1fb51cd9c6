using System.Text.RegularExpressions;
using PatCode.Plugins.Shared;

namespace PatCode.Plugins.GitHelper;

/// <summary>Whether a message is about git, in English or Spanish, on accent- and case-folded words.</summary>
internal static partial class GitTriggerDetector
{
    public static bool IsGitRelated(string input) => !string.IsNullOrWhiteSpace(input) && GitWords().IsMatch(TextNormalizer.Fold(input));

    [GeneratedRegex(
        @"\b(git|github|gitlab|commits?|committed|committing|branch(es)?|merged?|merging|pull|push(ed)?|diffs?|rebased?|rebasing|stash(ed)?|checkout|cherry-pick|upstream|staged|unstaged|untracked"
        + @"|repositorio|rama|ramas|confirmar|confirmacion|confirmaciones|fusionar|fusion|cambios|commitear|hacer\s+commit|empujar|preparados|sin\s+seguimiento)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex GitWords();
}
