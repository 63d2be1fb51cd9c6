using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Core.Console;

namespace PatCode.Cli.Commands;

/// <summary><c>patcode config</c> and /config: every setting's effective value and where it came from.</summary>
internal sealed class ConfigCommand(PatCodeConfiguration configuration, string configFile) : IHostCommand
{
    public string Name => "config";

    public string Summary => "show the effective configuration and where each value came from";

    public IReadOnlyList<string> Usage => ["config"];

    public bool AvailableOnCommandLine => true;

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Arguments.Count > 0)
        {
            invocation.Output.WriteError($"/config takes no arguments; edit {configFile} or set the environment variables shown.");
            return Task.FromResult(ExitCodes.Usage);
        }

        var table = new TextTable("key", "value", "source", "environment") { Title = $"Configuration (file: {configFile})" };
        foreach (var value in configuration.All)
        {
            table.AddRow(value.Key.Name, value.Key.Display(value.Value), value.Origin, string.Join(", ", value.Key.EnvironmentVariables));
        }

        invocation.Output.WriteTable(table);
        return Task.FromResult(ExitCodes.Success);
    }
}
