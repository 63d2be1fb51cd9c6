using PatCode.Core.Console;

namespace PatCode.Core.Commands;

/// <summary>/help: the host's commands, then each plugin's commands under the plugin's name.</summary>
public sealed class HelpCommand(CommandRouter router) : IHostCommand
{
    public string Name => "help";

    public IReadOnlyList<string> Aliases => ["?"];

    public string Summary => "show the commands";

    public IReadOnlyList<string> Usage => ["help"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        var table = new TextTable("command", "what it does") { Title = "PatCode commands" };
        foreach (var command in router.Commands)
        {
            foreach (var usage in command.Usage)
            {
                table.AddRow("/" + usage, usage == command.Usage[0] ? command.Summary : "");
            }
        }

        foreach (var group in router.PluginCommands.Values.GroupBy(c => c.Plugin).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var registration in group.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                table.AddRow($"/{registration.Name}", $"[{group.Key}] {registration.Help}");
            }
        }

        output.WriteTable(table);
        output.WriteLine("Anything else you type is sent to the model. Use \"\"\" to start and end a multi-line message.");
        return Task.FromResult(ExitCodes.Success);
    }
}
