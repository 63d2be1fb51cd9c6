using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.Answers;
using PatCode.Chat.Commands;
using PatCode.Chat.Ollama;
using PatCode.Core;
using PatCode.Core.Console;
using PatCode.Core.Plugins.Chain;

namespace PatCode.Chat;

/// <summary>What the composition root hands the chat.</summary>
public sealed record ChatHostOptions
{
    /// <summary>Read from the effective configuration with <see cref="ChatSettings.From"/>.</summary>
    public required ChatSettings Settings { get; init; }

    public required IPluginChain Chain { get; init; }

    public required IUserOutput Output { get; init; }

    /// <summary>How the REPL shows answers; <see langword="null"/> for plain text through <see cref="Output"/>. <c>ask</c> is always plain.</summary>
    public IAnswerPresenter? Answers { get; init; }

    /// <summary>History goes to <see cref="PatCodePaths.History"/>.</summary>
    public required PatCodePaths Paths { get; init; }

    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Adds middleware to the model pipeline (response cache, OpenTelemetry); it sits outside the retry layer. The
    /// <see cref="ModelCatalog"/> is the connection's, for a cache that keys answers by model digest.
    /// </summary>
    public Action<ChatClientBuilder, ModelCatalog>? ConfigureChatClient { get; init; }

    /// <summary>
    /// Whether the session itself opens the <c>patcode.model.call</c> span around the model call. Set it to
    /// <see langword="false"/> when <see cref="ConfigureChatClient"/> adds middleware that opens it
    /// (PatCode.Telemetry's <c>UsePatCodeTelemetry</c> does, inside the response cache, so a cached answer has
    /// no model-call span). The turn span and the patcode.chat.* metrics are the session's either way.
    /// </summary>
    public bool RecordModelCallSpan { get; init; } = true;

    /// <summary>
    /// Says whether an update was replayed by a response-cache middleware in <see cref="ConfigureChatClient"/>, and
    /// how ("exact" or "near"), for the verbose line and so a replay is not counted as a model call. The cache owns
    /// its marker: PatCode.Caching's <c>CachedAnswerMarker.HitKindOf</c>.
    /// </summary>
    public Func<ChatResponseUpdate, string?>? CacheHitOf { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Extra lines for <c>/stats</c> (cache and plugin summaries).</summary>
    public IReadOnlyList<IChatStatsContributor> StatsContributors { get; init; } = [];

    /// <summary>Resume this directory's saved conversation (<c>--continue</c>).</summary>
    public bool Continue { get; init; }

    /// <summary>Where <c>ask</c> reads a question from when none is given as arguments.</summary>
    public Func<TextReader> StandardInput { get; init; } = static () => System.Console.In;

    public Func<bool> IsInputRedirected { get; init; } = static () => System.Console.IsInputRedirected;

    /// <summary>The innermost HTTP handler; <see langword="null"/> for real sockets.</summary>
    public HttpMessageHandler? PrimaryHttpHandler { get; init; }
}
