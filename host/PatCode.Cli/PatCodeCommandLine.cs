using System.CommandLine;
using Microsoft.Extensions.Logging;
using PatCode.Chat;
using PatCode.Cli.Commands;
using PatCode.Cli.Composition;
using PatCode.Cli.Output;
using PatCode.Core;
using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Core.Console;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Discovery;

namespace PatCode.Cli;

/// <summary>
/// The <c>patcode</c> command line (System.CommandLine). Every failure ends as one line on stderr and a
/// non-zero exit code; details and stack traces go to the log file only.
/// </summary>
internal static class PatCodeCommandLine
{
    // Host commands that also exist as `patcode <name> …`; their words are passed through unparsed.
    private static readonly string[] PassThroughCommands = ["plugins", "config", "telemetry", "cache"];

    public static async Task<int> RunAsync(string[] args)
    {
        var output = new ConsoleOutput();
        var pluginsDir = new Option<string[]>("--plugins-dir") { Description = "Another plugin folder (repeatable); its plugins need enabling", Recursive = true };
        var model = new Option<string>("--model", "-m") { Description = "The Ollama model to chat with (PATCODE_MODEL, config key 'model')", Recursive = true };
        var verbose = new Option<bool>("--verbose") { Description = "Show tokens, tokens/s and time to first token after each answer", Recursive = true };
        var resume = new Option<bool>("--continue", "-c") { Description = "Resume this directory's last conversation" };
        var root = new RootCommand("PatCode: a local AI coding assistant with plugins. Run without a command to start chatting.");
        root.Options.Add(pluginsDir);
        root.Options.Add(model);
        root.Options.Add(verbose);
        root.Options.Add(resume);
        Dictionary<string, string> Flags(ParseResult result) => CommandLineFlags(result, pluginsDir, model, verbose);

        foreach (var name in PassThroughCommands)
        {
            var command = new Command(name, Describe(name)) { TreatUnmatchedTokensAsErrors = false };
            var words = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "subcommand and arguments, as in the REPL" };
            command.Arguments.Add(words);
            command.SetAction((result, ct) => RunHostCommandAsync(name, [.. result.GetValue(words) ?? [], .. result.UnmatchedTokens], Flags(result), output, ct));
            root.Subcommands.Add(command);
        }

        var ask = new Command("ask", "ask one question and print only the answer; without a question it is read from standard input");
        var question = new Argument<string[]>("question") { Arity = ArgumentArity.ZeroOrMore, Description = "the question (quote it, or pipe it in)" };
        ask.Arguments.Add(question);
        ask.SetAction((result, ct) => RunAskAsync(result.GetValue(question) ?? [], Flags(result), output, ct));
        root.Subcommands.Add(ask);

        root.SetAction((result, ct) => RunReplAsync(Flags(result), result.GetValue(resume), output, ct));

        var parsed = root.Parse(args);
        StartupTrace.Mark("command line parsed");
        if (parsed.Errors.Count > 0)
        {
            output.WriteError($"{parsed.Errors[0].Message} Run 'patcode --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            // Ctrl+C is ours: in the REPL it cancels only the answer being streamed (see ChatRepl).
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (ConfigurationException e)
        {
            output.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
    }

    private static string Describe(string name) => name switch
    {
        "plugins" => "list, inspect, enable, disable, isolate, install, update or uninstall plugins (list | info | enable | disable | isolate | install | uninstall | update | outdated | search)",
        "config" => "show the effective configuration and where each value came from",
        "telemetry" => "show, export or clear metrics and events (stats | events | export | clear)",
        "cache" => "response cache statistics, or clear it, or remove expired entries (stats | clear | cleanup)",
        _ => name,
    };

    private static Dictionary<string, string> CommandLineFlags(ParseResult result, Option<string[]> pluginsDir, Option<string> model, Option<bool> verbose) =>
        HostSetup.CommandLineFlags(result.GetValue(pluginsDir), result.GetValue(model), result.GetValue(verbose));

    private static async Task<int> RunHostCommandAsync(string name, IReadOnlyList<string> words, Dictionary<string, string> flags, IUserOutput output, CancellationToken cancellationToken)
    {
        await using var app = Compose(flags, output);
        foreach (var warning in app.Plugins.StartupWarnings)
        {
            output.WriteWarning(warning);
        }

        return await GuardAsync(app, () => app.Router.RunAsync(name, words, output, inRepl: false, cancellationToken));
    }

    private static async Task<int> RunAskAsync(IReadOnlyList<string> question, Dictionary<string, string> flags, IUserOutput output, CancellationToken cancellationToken)
    {
        await using var app = Compose(flags, output);
        return await GuardAsync(app, async () =>
        {
            foreach (var warning in app.Plugins.StartupWarnings)
            {
                output.WriteWarning(warning);
            }

            // Plugins load (and workers start) while the chat is composed and Ollama is asked about the model.
            // `ask` runs no slash command, so the chat's commands are not registered and plugins need not wait
            // for them. Plugin news goes to stderr, never with the answer.
            app.Plugins.Notify = output.WriteWarning;
            var plugins = Task.Run(() => app.Plugins.StartAsync(cancellationToken), cancellationToken);
            ChatHost chat;
            try
            {
                chat = ChatWiring.AddChat(app, resume: false, registerCommands: false);
            }
            catch
            {
                // The host is disposed on the way out: let the loads finish first (their own failures are logged).
                await Task.WhenAny(plugins);
                throw;
            }

            using var disposeChat = chat;
            chat.Session.Catalog.Prefetch(chat.Session.Model);
            await plugins;
            StartupTrace.Mark("plugins started");
            return await ChatWiring.AskAsync(chat, question, output, cancellationToken);
        });
    }

    private static async Task<int> RunReplAsync(Dictionary<string, string> flags, bool resume, IUserOutput output, CancellationToken cancellationToken)
    {
        await using var app = Compose(flags, output);
        return await GuardAsync(app, async () =>
        {
            using var chat = ChatWiring.AddChat(app, resume, ChatWiring.TerminalAnswers());
            foreach (var warning in app.Plugins.StartupWarnings)
            {
                output.WriteWarning(warning);
            }

            foreach (var problem in app.Telemetry.Value.StartupProblems.Concat(app.Cache.Value.Warnings))
            {
                output.WriteWarning(problem);
            }

            app.Plugins.Notify = line => output.WriteDim(line);
            PatCodePaths.EnsurePrivateDirectory(app.Paths.UserPlugins);
            await app.Plugins.StartAsync(cancellationToken);
            StartupTrace.Mark("plugins started");
            using var watcher = new PluginFolderWatcher(app.Plugins, app.Plugins.Roots.Select(r => r.Path), TimeSpan.FromMilliseconds(500), app.Loggers.CreateLogger("PatCode.Plugins.Watcher"));
            output.WriteDim($"PatCode {typeof(PatCodeCommandLine).Assembly.GetName().Version?.ToString(3)}: {app.Plugins.Entries.Count(e => e.Status == PluginStatus.Active)} plugins active. /help for commands, /quit to leave.");
            return await ChatWiring.RunReplAsync(app, chat, Console.In, cancellationToken);
        });
    }

    private static PatCodeApp Compose(Dictionary<string, string> flags, IUserOutput output)
    {
        var (paths, configuration) = HostSetup.LoadConfiguration(flags, output);
        var app = PatCodeApp.Create(paths, configuration, output);
        app.Router.Add(new ConfigCommand(configuration, paths.ConfigFile));
        StartupTrace.Mark("host composed");
        return app;
    }

    /// <summary>Turns any unexpected exception into one line for the user and a full entry in the log.</summary>
    private static async Task<int> GuardAsync(PatCodeApp app, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            app.Loggers.CreateLogger("PatCode").LogCritical(e, "Unexpected failure");
            app.Output.WriteError($"unexpected failure: {e.GetType().Name}: {e.Message.Split('\n')[0]} (details in {app.Paths.Logs})");
            return ExitCodes.Failure;
        }
    }
}
