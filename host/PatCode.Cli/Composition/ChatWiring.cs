using PatCode.Chat;
using PatCode.Chat.Repl;
using PatCode.Core.Commands;
using PatCode.Core.Console;
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
    public static ChatHost AddChat(PatCodeApp app, bool resume)
    {
        var chat = ChatHost.Create(new ChatHostOptions
        {
            Settings = ChatSettings.From(app.Configuration),
            Chain = app.Plugins.Chain,
            Output = app.Output,
            Paths = app.Paths,
            WorkingDirectory = Environment.CurrentDirectory,
            LoggerFactory = app.Loggers,
            Continue = resume,

            // Middleware around the model, outermost first. The cache is outside telemetry, so a cached answer
            // has no model-call span. The telemetry middleware opens that span, so the session must not; the
            // session records the chat metrics itself. Prompts and answers reach spans only with
            // telemetry.captureContent.
            ConfigureChatClient = builder => builder
                .UseResponseCache(app.Cache.Value, logger: app.Loggers.CreateLogger("PatCode.Cache"))
                .UsePatCodeTelemetry(app.Loggers, app.Telemetry.Value.CapturesMessageContent),
            RecordModelCallSpan = false,

            // Lines for /stats after the chat's own.
            StatsContributors = [new CacheStatsContributor(app.Cache), new PluginStatsContributor(app.Plugins)],
        });
        foreach (var command in chat.Commands)
        {
            app.Router.Add(command);
        }

        return chat;
    }

    /// <summary>The REPL: slash lines go to the router (host, chat and plugin commands), the rest to the model.</summary>
    public static async Task<int> RunReplAsync(PatCodeApp app, ChatHost chat, TextReader input, CancellationToken cancellationToken)
    {
        using var repl = chat.CreateRepl(async (line, ct) =>
            {
                await app.Router.RunAsync(line, app.Output, inRepl: true, ct);
                return true; // the router reports unknown commands itself
            })
            .StopWhen(() => app.Quit.QuitRequested);
        if (!System.Console.IsInputRedirected)
        {
            repl.DetectPastes(ChatRepl.ConsoleHasPendingInput);
        }

        using var interrupt = repl.AttachConsoleInterrupt();
        return await repl.RunAsync(input, cancellationToken);
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
}
