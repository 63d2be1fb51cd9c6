using System.Globalization;
using PatCode.Chat.Commands;
using PatCode.Chat.History;
using PatCode.Chat.Ollama;
using PatCode.Chat.Repl;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat;

/// <summary>
/// The chat, assembled: the Ollama connection and its <see cref="Microsoft.Extensions.AI.IChatClient"/>
/// pipeline, the REPL's session with its history, the chat's slash commands and <c>ask</c>. The composition
/// root creates one, registers <see cref="Commands"/> with its <see cref="ICommandDispatcher"/>, and runs <see cref="CreateRepl"/>.
/// </summary>
public sealed class ChatHost : IDisposable
{
    private readonly ChatHostOptions _options;

    private ChatHost(ChatHostOptions options, OllamaConnection connection, ChatSession session, IReadOnlyList<IHostCommand> commands)
    {
        _options = options;
        Connection = connection;
        Session = session;
        Commands = commands;
    }

    public OllamaConnection Connection { get; }

    /// <summary>The REPL's conversation (saved per working directory).</summary>
    public ChatSession Session { get; }

    /// <summary>clear, stats, export, load, unload, files, model, models, set, and ask (also on the command line).</summary>
    public IReadOnlyList<IHostCommand> Commands { get; }

    public static ChatHost Create(ChatHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = OllamaConnection.Create(options.Settings, options.LoggerFactory, options.ConfigureChatClient, options.Time, options.PrimaryHttpHandler);
        var logger = options.LoggerFactory.CreateLogger("PatCode.Chat");
        var store = new ChatHistoryStore(options.Paths.History, options.WorkingDirectory, logger);
        var session = new ChatSession(options.Settings, options.Chain, connection.ChatClient, connection.Catalog, store, options.Output, Path.GetFullPath(options.WorkingDirectory), logger, options.Time, options.Answers, options.CacheHitOf)
        {
            RecordModelCallSpan = options.RecordModelCallSpan,
        };
        if (options.Continue)
        {
            var count = session.Resume();
            options.Output.WriteDim(count == 0
                ? "No saved conversation for this directory; starting a new one."
                : $"Resumed {count.ToString(CultureInfo.InvariantCulture)} message(s) of this directory's conversation.");
        }

        ChatSession OneShot(IUserOutput output) =>
            new(options.Settings, options.Chain, connection.ChatClient, connection.Catalog, store: null, output, Path.GetFullPath(options.WorkingDirectory), logger, options.Time, cacheHitOf: options.CacheHitOf)
            {
                Verbose = false,
                RecordModelCallSpan = options.RecordModelCallSpan,
            };

        IHostCommand[] commands =
        [
            new ClearCommand(session),
            new StatsCommand(session, options.StatsContributors),
            new ExportCommand(session, options.Time),
            new LoadCommand(session),
            new UnloadCommand(session),
            new FilesCommand(session),
            new ModelCommand(session),
            new ModelsCommand(session),
            new SetCommand(session),
            new AskCommand(OneShot, options.StandardInput, options.IsInputRedirected),
        ];
        return new ChatHost(options, connection, session, commands);
    }

    /// <summary>The interactive loop over <see cref="Session"/>; <paramref name="commands"/> is the host's dispatcher for every <c>/</c> line.</summary>
    public ChatRepl CreateRepl(ICommandDispatcher commands) =>
        new(Session, _options.Output, commands, _options.LoggerFactory.CreateLogger("PatCode.Chat.Repl"));

    public void Dispose()
    {
        Session.Store?.Dispose();
        Connection.Dispose();
    }
}
