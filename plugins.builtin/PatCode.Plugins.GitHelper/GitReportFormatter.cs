using System.Globalization;
using System.Text;

namespace PatCode.Plugins.GitHelper;

/// <summary>Renders a <see cref="GitSnapshot"/> as the text of a context section or of <c>/git status</c>.</summary>
internal static class GitReportFormatter
{
    /// <summary>File names listed per category; the rest are counted.</summary>
    public const int MaxNamesPerList = 10;

    /// <summary>Files listed in the diff stat; the rest are summed.</summary>
    public const int MaxDiffStatFiles = 10;

    public static string FormatStatus(GitSnapshot snapshot)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Repository: {snapshot.WorkingDirectory}");
        text.AppendLine(DescribeHead(snapshot));
        AppendList(text, "Staged", snapshot.Staged);
        AppendList(text, "Modified (not staged)", snapshot.Modified);
        AppendList(text, "Untracked", snapshot.Untracked);
        if (snapshot.Conflicted.Count > 0)
        {
            AppendList(text, "Conflicted", snapshot.Conflicted);
        }

        if (snapshot.Staged.Count + snapshot.Modified.Count + snapshot.Untracked.Count + snapshot.Conflicted.Count == 0)
        {
            text.AppendLine("Working tree clean.");
        }

        AppendDiffStat(text, snapshot.Changes);
        text.AppendLine(snapshot.RecentCommits.Count == 0 ? "Recent commits: none yet." : "Recent commits:");
        text.Append(FormatLog(snapshot.RecentCommits));
        return text.ToString().TrimEnd();
    }

    public static string DescribeHead(GitSnapshot snapshot)
    {
        if (snapshot.IsUnborn)
        {
            return $"Branch: {snapshot.Head} (no commits yet)";
        }

        if (snapshot.IsDetached)
        {
            return $"HEAD detached at {snapshot.Head} (not on a branch)";
        }

        if (snapshot.Upstream is null)
        {
            return $"Branch: {snapshot.Head} (no upstream)";
        }

        var ahead = snapshot.Ahead ?? 0;
        var behind = snapshot.Behind ?? 0;
        var relation = (ahead, behind) switch
        {
            (0, 0) => "up to date with",
            (> 0, 0) => $"{ahead} commit(s) ahead of",
            (0, > 0) => $"{behind} commit(s) behind",
            _ => $"{ahead} commit(s) ahead of and {behind} behind",
        };
        return $"Branch: {snapshot.Head}, {relation} {snapshot.Upstream}";
    }

    public static string FormatLog(IReadOnlyList<GitCommitSummary> commits)
    {
        var text = new StringBuilder();
        foreach (var commit in commits)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {commit.ShortSha} {commit.When:yyyy-MM-dd} {commit.Author}: {commit.Subject}");
        }

        return text.ToString();
    }

    public static void AppendDiffStat(StringBuilder text, IReadOnlyList<GitFileChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var added = changes.Sum(c => c.LinesAdded);
        var deleted = changes.Sum(c => c.LinesDeleted);
        text.AppendLine(CultureInfo.InvariantCulture, $"Diff against HEAD: {changes.Count} file(s) changed, {added} insertion(s)(+), {deleted} deletion(s)(-)");
        foreach (var change in changes.OrderByDescending(c => c.LinesAdded + c.LinesDeleted).ThenBy(c => c.Path, StringComparer.Ordinal).Take(MaxDiffStatFiles))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {change.Path} | +{change.LinesAdded} -{change.LinesDeleted}");
        }

        if (changes.Count > MaxDiffStatFiles)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  … and {changes.Count - MaxDiffStatFiles} more file(s)");
        }
    }

    private static void AppendList(StringBuilder text, string label, IReadOnlyList<string> names)
    {
        text.Append(CultureInfo.InvariantCulture, $"{label}: {names.Count}");
        if (names.Count > 0)
        {
            var shown = names.Take(MaxNamesPerList);
            text.Append(" (").Append(string.Join(", ", shown));
            if (names.Count > MaxNamesPerList)
            {
                text.Append(CultureInfo.InvariantCulture, $", … and {names.Count - MaxNamesPerList} more");
            }

            text.Append(')');
        }

        text.AppendLine();
    }
}
