using Microsoft.Extensions.Logging;
using PatCode.Core.Console;
using PatCode.Core.Plugins.Commands;
using PatCode.Core.Security;
using PatCode.Sdk;
using PatCode.Core.Plugins.Invocation;

namespace PatCode.Core.Commands;

/// <summary>
/// Routes <c>/name args</c> to a host command or, failing that, to a plugin's command. Plugin commands are
/// isolated like chain calls: an exception or a timeout becomes one error line and a log entry.
/// </summary>
public sealed class CommandRouter : ICommandDispatcher
{
    private readonly Dictionary<string, IHostCommand> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IHostCommand> _ordered = [];
    private readonly Func<IReadOnlyDictionary<string, PluginCommandRegistration>> _pluginCommands;
    private readonly string _workingDirectory;
    private readonly ILogger _logger;

    public CommandRouter(Func<IReadOnlyDictionary<string, PluginCommandRegistration>> pluginCommands, string workingDirectory, ILogger logger)
    {
        _pluginCommands = pluginCommands;
        _workingDirectory = workingDirectory;
        _logger = logger;
    }

    /// <summary>A router with the commands every host has, <c>/help</c> and <c>/quit</c>; add the rest with <see cref="Add"/>.</summary>
    public static CommandRouter WithHelpAndQuit(Func<IReadOnlyDictionary<string, PluginCommandRegistration>> pluginCommands, string workingDirectory, ILogger logger)
    {
        var router = new CommandRouter(pluginCommands, workingDirectory, logger);
        return router.Add(new HelpCommand(router)).Add(new QuitCommand());
    }

    /// <summary>How long a plugin command may run before the user gets the prompt back.</summary>
    public TimeSpan PluginCommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<IHostCommand> Commands => _ordered;

    public IReadOnlyDictionary<string, PluginCommandRegistration> PluginCommands => _pluginCommands();

    /// <summary>Whether a registered <see cref="QuitCommand"/> ran.</summary>
    public bool QuitRequested => _ordered.OfType<QuitCommand>().Any(q => q.QuitRequested);

    /// <summary>Whether a host command answers to <paramref name="name"/>; plugin commands may not take such names.</summary>
    public bool IsHostCommand(string name) => _commands.ContainsKey(name);

    public CommandRouter Add(IHostCommand command)
    {
        foreach (var name in command.Aliases.Prepend(command.Name))
        {
            if (!_commands.TryAdd(name, command))
            {
                throw new InvalidOperationException($"Two host commands are called '{name}'.");
            }
        }

        _ordered.Add(command);
        return this;
    }

    public IHostCommand? Find(string name) => _commands.TryGetValue(name, out var command) ? command : null;

    /// <summary>Runs a line that starts with '/'. Returns the exit code (0 on success).</summary>
    public async Task<int> RunAsync(string line, IUserOutput output, bool inRepl, CancellationToken cancellationToken)
    {
        var words = CommandLineSplitter.Split(line.TrimStart().TrimStart('/'));
        if (words.Count == 0)
        {
            output.WriteError("Type a command after the slash, such as /help.");
            return ExitCodes.Usage;
        }

        return await RunAsync(words[0], [.. words.Skip(1)], output, inRepl, cancellationToken);
    }

    /// <summary>Runs command <paramref name="name"/> with its words already split. Returns the exit code.</summary>
    public async Task<int> RunAsync(string name, IReadOnlyList<string> arguments, IUserOutput output, bool inRepl, CancellationToken cancellationToken)
    {
        if (_commands.TryGetValue(name, out var command))
        {
            return await command.ExecuteAsync(new CommandInvocation(arguments, output, inRepl), cancellationToken);
        }

        if (_pluginCommands().TryGetValue(name, out var registration))
        {
            return await RunPluginCommandAsync(registration, arguments, output, cancellationToken);
        }

        var known = _commands.Keys.Concat(_pluginCommands().Keys);
        output.WriteError($"Unknown command /{name}.{NameSuggestions.Hint(name, known)} Type /help for the list.");
        return ExitCodes.Usage;
    }

    private async Task<int> RunPluginCommandAsync(PluginCommandRegistration registration, IReadOnlyList<string> arguments, IUserOutput output, CancellationToken cancellationToken)
    {
        try
        {
            var text = await registration.Invoker.RunCommandAsync(registration.Name, arguments, _workingDirectory, PluginCommandTimeout, cancellationToken);
            if (!string.IsNullOrEmpty(text))
            {
                // The plugin's text, never its control sequences (it may quote a repository's files or commit messages).
                output.WriteLine(TerminalText.Sanitize(text));
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            output.WriteError($"/{registration.Name} (from plugin {registration.Plugin}) did not finish within {PluginCommandTimeout.TotalSeconds:0} s.");
            return ExitCodes.Failure;
        }
        catch (PluginCallException e)
        {
            _logger.LogError(e, "Command /{Command} of plugin {Plugin} failed", registration.Name, registration.Plugin);
            output.WriteError($"/{registration.Name} (from plugin {registration.Plugin}) failed: {e.Message}.");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Command /{Command} of plugin {Plugin} failed", registration.Name, registration.Plugin);
            output.WriteError($"/{registration.Name} (from plugin {registration.Plugin}) failed: {e.GetType().Name}. Details are in the log.");
            return ExitCodes.Failure;
        }
    }
}
