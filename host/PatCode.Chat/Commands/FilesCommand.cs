using System.Globalization;
using PatCode.Core.Answers;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Commands;

/// <summary><c>/files</c>: the loaded files with their size and estimated tokens.</summary>
internal sealed class FilesCommand(ChatSession session) : IHostCommand
{
    public string Name => "files";

    public string Summary => "list the loaded files";

    public IReadOnlyList<string> Usage => ["files"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (session.Files.Count == 0)
        {
            invocation.Output.WriteLine("No files loaded: /load <file> adds one.");
            return Task.FromResult(ExitCodes.Success);
        }

        var table = new TextTable("file", "characters", "tokens (est.)");
        foreach (var file in session.Files)
        {
            table.AddRow(file.Path, file.Content.Length.ToString(CultureInfo.InvariantCulture), TokenEstimator.Estimate(file.Content).ToString(CultureInfo.InvariantCulture));
        }

        invocation.Output.WriteTable(table);
        return Task.FromResult(ExitCodes.Success);
    }
}
