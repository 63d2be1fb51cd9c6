using PatCode.Chat;
using PatCode.Chat.Answers;
using PatCode.Chat.Repl;
using PatCode.Chat.Repl.Editing;
using PatCode.Chat.Terminal;
using PatCode.Core.Commands;
using PatCode.Core.Console;
using PatCode.Core.Diagnostics;
using PatCode.Caching.Chat;
using PatCode.Telemetry;

namespace PatCode.Cli.Composition;

/// <summary>
/// Plugs the chat into the composition root: the chat over the plugin host's chain, its slash commands on
/// the router, and the REPL that sends non-command lines to the model.
/// </summary>
internal static class ChatWiring
{
    /// <summary>
    /// Creates the chat and registers its commands (clear, stats, export, load, unload, files, model, models,
    /// set, ask) on the router. Call before the plugins start, so no plugin can take those names.
    /// </summary>
    /// <param name="app">The composed services.</param>
    /// <param name="resume">Resume this directory's conversation.</param>
    /// <param name="answers">How the REPL shows answers on a terminal; <see langword="null"/> for plain text (ask, pipes).</param>
    /// <param name="registerCommands">False where no slash command can run (<c>ask</c>): then plugins may load meanwhile.</param>
    public static ChatHost AddChat(PatCodeApp app, bool resume, IAnswerPresenter? answers = null, bool registerCommands = true)
    {
        var chat = ChatHost.Create(new ChatHostOptions
        {
            Settings = ChatSettings.From(app.Configuration),
            Chain = app.Plugins.Chain,
            Output = app.Output,
            Answers = answers,
            Paths = app.Paths,
            WorkingDirectory = Environment.CurrentDirectory,
            LoggerFactory = app.Loggers,
            Continue = resume,

            // Middleware around the model, outermost first. The cache is outside telemetry, so a cached answer
            // has no model-call span. The telemetry middleware opens that span, so the session must not; the
            // session records the chat metrics itself. Prompts and answers reach spans only with
            // telemetry.captureContent. Answers are keyed by the model's digest from Ollama's model list,
            // fetched beside the question's first call to Ollama (see docs/cache.md); with the cache off,
            // nothing needs the list, and it is not asked for.
            ConfigureChatClient = (builder, models) => builder
                .UseResponseCache(app.Cache.Value, app.Cache.Value.IsEnabled ? models.TrackDigests() : null, app.Loggers.CreateLogger("PatCode.Cache"))
                .UsePatCodeTelemetry(app.Loggers, app.Telemetry.Value.CapturesMessageContent),
            RecordModelCallSpan = false,
            CacheHitOf = CachedAnswerMarker.HitKindOf,

            // Lines for /stats after the chat's own.
            StatsContributors = [new CacheStatsContributor(app.Cache), new PluginStatsContributor(app.Plugins)],
        });
        foreach (var command in registerCommands ? chat.Commands : [])
        {
            app.Router.Add(command);
        }

        StartupTrace.Mark("chat composed");
        return chat;
    }

    /// <summary>
    /// Answers on the terminal (spinner, Markdown) when standard output is one; otherwise <see langword="null"/>,
    /// and answers stay plain. Only the interactive REPL asks, so one-shot commands never load Markdig.
    /// </summary>
    public static IAnswerPresenter? TerminalAnswers()
    {
        if (Console.IsOutputRedirected)
        {
            return null;
        }

        var colour = Environment.GetEnvironmentVariable("NO_COLOR") is null
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        return new TerminalAnswerPresenter(Console.Out, colour, static () => ConsoleSize.Width, static () => ConsoleSize.Height);
    }

    /// <summary>
    /// The REPL: slash lines go to the router (host, chat and plugin commands), the rest to the model. On a
    /// terminal (Linux) lines come from the line editor, with history, completion and bracketed paste; from a
    /// pipe or file they are read as plain lines.
    /// </summary>
    public static async Task<int> RunReplAsync(PatCodeApp app, ChatHost chat, TextReader input, CancellationToken cancellationToken)
    {
        using var repl = chat.CreateRepl(app.Router);
        using var interrupt = repl.AttachConsoleInterrupt();
        var terminal = UnixTerminal.TryOpen(Console.Out);
        app.Plugins.Notify = repl.Notify;
        if (terminal is null)
        {
            return await repl.RunAsync(input, cancellationToken);
        }

        using var restore = terminal.RestoreOnExit();
        var history = InputHistory.Load(
            app.Paths.InputHistory,
            app.Configuration.GetInt32(ChatConfigKeys.InputHistorySize),
            app.Loggers.CreateLogger("PatCode.Chat.Repl"));
        var editor = new LineEditor(terminal, history, new ReplCompleter(CompletionSources(app, chat)));
        StartupTrace.Mark("repl: line editor ready");
        var colour = Environment.GetEnvironmentVariable("NO_COLOR") is null;
        repl.WriteNoticesTo(line => editor.WriteAbove(colour ? $"\u001b[2m{line}\u001b[22m" : line));
        try
        {
            return await repl.RunAsync(new TerminalLineSource(editor), cancellationToken);
        }
        finally
        {
            await history.FlushAsync();
        }
    }

    /// <summary><c>patcode ask …</c>: one question, only the answer on stdout; Ctrl+C cancels it (exit 130).</summary>
    public static async Task<int> AskAsync(ChatHost chat, IReadOnlyList<string> words, IUserOutput output, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        System.Console.CancelKeyPress += handler;
        try
        {
            var ask = chat.Commands.Single(c => c.Name == "ask");
            return await ask.ExecuteAsync(new CommandInvocation(words, output, InRepl: false), cancel.Token);
        }
        finally
        {
            System.Console.CancelKeyPress -= handler;
        }
    }

    private static ReplCompletionSources CompletionSources(PatCodeApp app, ChatHost chat) => new()
    {
        Commands = () => app.Router.Commands,
        PluginCommands = () => app.Router.PluginCommands.Keys,
        PluginNames = () => app.Plugins.Entries.Select(e => e.Name),
        ModelNames = async ct => (await chat.Session.Catalog.ListAsync(ct)).Select(m => m.Name).ToList(),
        LoadedFiles = () => chat.Session.Files.Select(f => f.Path),
        WorkingDirectory = Environment.CurrentDirectory,
    };

}
