using System.Globalization;
using PatCode.Core.Answers;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Commands;

/// <summary><c>/stats</c>: messages, model, loaded files and the last answer's figures, then what the contributors add (cache, plugins).</summary>
internal sealed class StatsCommand(ChatSession session, IReadOnlyList<IChatStatsContributor> contributors) : IHostCommand
{
    public string Name => "stats";

    public string Summary => "show messages, model, loaded files, and cache and plugin figures";

    public IReadOnlyList<string> Usage => ["stats"];

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new TextTable("what", "value") { Title = "Chat statistics" };
        var user = session.History.Count(h => h.Role == History.HistoryEntry.UserRole);
        table.AddRow("messages", $"{session.History.Count.ToString(c)} ({user.ToString(c)} from you, {(session.History.Count - user).ToString(c)} answers)");
        table.AddRow("cut answers", session.History.Count(h => h.Cut).ToString(c));
        table.AddRow("model", session.Model);
        table.AddRow("ollama", session.OllamaUri.ToString());
        table.AddRow("loaded files", session.Files.Count == 0 ? "none" : string.Join(", ", session.Files.Select(f => Path.GetFileName(f.Path))));
        table.AddRow("files tokens (est.)", session.Files.Sum(f => TokenEstimator.Estimate(f.Content)).ToString(c));
        if (session.LastMetrics is { } last)
        {
            table.AddRow("last answer", ChatSession.Describe(last));
        }

        table.AddRow("history file", session.Store?.FilePath ?? "none (one-shot)");
        foreach (var contributor in contributors)
        {
            foreach (var (label, value) in await contributor.DescribeAsync(cancellationToken).ConfigureAwait(false))
            {
                table.AddRow(label, value);
            }
        }

        invocation.Output.WriteTable(table);
        return ExitCodes.Success;
    }
}
