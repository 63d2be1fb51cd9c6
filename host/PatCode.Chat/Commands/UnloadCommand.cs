using PatCode.Core.Commands;

namespace PatCode.Chat.Commands;

/// <summary><c>/unload &lt;file&gt;</c>: removes a loaded file, by path or by its name when that is unambiguous.</summary>
internal sealed class UnloadCommand(ChatSession session) : IHostCommand
{
    public string Name => "unload";

    public string Summary => "remove a loaded file from the context";

    public IReadOnlyList<string> Usage => ["unload <file>"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        if (invocation.Arguments.Count != 1)
        {
            output.WriteError("usage: /unload <file> (see /files for what is loaded)");
            return Task.FromResult(ExitCodes.Usage);
        }

        var typed = invocation.Arguments[0];
        var full = Path.GetFullPath(typed, session.WorkingDirectory);
        var match = session.Files.FirstOrDefault(f => f.Path == full)
            ?? Single(session.Files.Where(f => string.Equals(Path.GetFileName(f.Path), typed, StringComparison.Ordinal)).ToList());
        if (match is null)
        {
            var loaded = session.Files.Count == 0 ? "no files are loaded" : "loaded: " + string.Join(", ", session.Files.Select(f => f.Path));
            output.WriteError($"'{typed}' is not loaded ({loaded}).");
            return Task.FromResult(ExitCodes.Failure);
        }

        session.RemoveFile(match.Path);
        output.WriteLine($"Unloaded {match.Path}.");
        return Task.FromResult(ExitCodes.Success);
    }

    private static T? Single<T>(List<T> items)
        where T : class => items.Count == 1 ? items[0] : null;
}
