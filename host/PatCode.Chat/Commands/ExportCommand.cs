using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatCode.Core.Commands;
using PatCode.Core.IO;

namespace PatCode.Chat.Commands;

/// <summary><c>/export [file]</c>: writes the conversation as JSON (<c>.json</c>) or Markdown (<c>.md</c>), atomically.</summary>
internal sealed class ExportCommand(ChatSession session, TimeProvider time) : IHostCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "export";

    public string Summary => "save the conversation as JSON or Markdown, chosen by the file's extension";

    public IReadOnlyList<string> Usage => ["export [file.md|file.json]"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        var name = invocation.Arguments.Count > 0
            ? invocation.Arguments[0]
            : $"patcode-chat-{time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.md";
        var path = Path.GetFullPath(name, session.WorkingDirectory);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        string text;
        switch (extension)
        {
            case ".json":
                text = Json();
                break;
            case ".md" or ".markdown":
                text = Markdown();
                break;
            default:
                output.WriteError($"cannot export to '{name}': use a .json or .md file name, e.g. /export chat.md");
                return Task.FromResult(ExitCodes.Usage);
        }

        try
        {
            AtomicFile.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteError($"cannot write {path}: {e.Message}");
            return Task.FromResult(ExitCodes.Failure);
        }

        output.WriteLine($"Exported {session.History.Count} message(s) to {path}");
        return Task.FromResult(ExitCodes.Success);
    }

    internal string Json()
    {
        var messages = new JsonArray();
        foreach (var entry in session.History)
        {
            messages.Add(JsonSerializer.SerializeToNode(entry));
        }

        var document = new JsonObject
        {
            ["workingDirectory"] = session.WorkingDirectory,
            ["model"] = session.Model,
            ["exportedAt"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["messages"] = messages,
        };
        return document.ToJsonString(Indented) + "\n";
    }

    internal string Markdown()
    {
        var text = new StringBuilder();
        text.Append("# PatCode conversation\n\n");
        text.Append(CultureInfo.InvariantCulture, $"_Exported {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC from {session.WorkingDirectory}, model {session.Model}._\n");
        foreach (var entry in session.History)
        {
            var who = entry.Role == History.HistoryEntry.UserRole ? "You" : $"Assistant ({entry.Model ?? session.Model})";
            text.Append(CultureInfo.InvariantCulture, $"\n## {who}\n\n{entry.Content.TrimEnd()}\n");
            if (entry.Cut)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n_(answer cut short: {entry.Note ?? "interrupted"})_\n");
            }
        }

        return text.ToString();
    }
}
