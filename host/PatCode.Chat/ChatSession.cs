using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PatCode.Chat.Answers;
using PatCode.Chat.History;
using PatCode.Chat.Ollama;
using PatCode.Chat.Prompt;
using PatCode.Core.Console;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Security;
using PatCode.Sdk;

namespace PatCode.Chat;

/// <summary>
/// One conversation: runs each user message through the plugin chain, fits the prompt to the model's
/// context window, streams the answer from the <see cref="IChatClient"/> pipeline to the user, and saves
/// both messages. Failures become one line with the fix; the conversation and its history stay usable.
/// </summary>
public sealed class ChatSession
{
    private readonly ChatSettings _settings;
    private readonly IPluginChain _chain;
    private readonly ModelCatalog _catalog;
    private readonly ChatHistoryStore? _store;
    private readonly IUserOutput _output;
    private readonly IAnswerPresenter _answers;
    private readonly ILogger _logger;
    private readonly AnswerReader _reader;
    private readonly TimeProvider _time;
    private readonly List<HistoryEntry> _history = [];
    private readonly List<ContextFile> _files = [];
    private bool _startNewFile = true;

    internal ChatSession(
        ChatSettings settings,
        IPluginChain chain,
        IChatClient client,
        ModelCatalog catalog,
        ChatHistoryStore? store,
        IUserOutput output,
        string workingDirectory,
        ILogger logger,
        TimeProvider time,
        IAnswerPresenter? answers = null,
        Func<ChatResponseUpdate, string?>? cacheHitOf = null)
    {
        _settings = settings;
        _chain = chain;
        _catalog = catalog;
        _store = store;
        _output = output;
        _answers = answers ?? new PlainAnswerPresenter(output);
        _logger = logger;
        _time = time;
        _reader = new AnswerReader(client, settings, time, logger, cacheHitOf);
        WorkingDirectory = workingDirectory;
        Model = settings.Model;
        Verbose = settings.Verbose;
        Rendering = settings.Rendering;
    }

    public string Model { get; set; }

    public bool Verbose { get; set; }

    /// <summary>Markdown or plain answers on a terminal (<c>/set render</c>); redirected output is always plain.</summary>
    public AnswerRendering Rendering { get; set; }

    /// <summary>Whether this session opens the patcode.model.call span itself (false when middleware does).</summary>
    internal bool RecordModelCallSpan { get; init; } = true;

    public string WorkingDirectory { get; }

    /// <summary>Where Ollama listens, as shown to the user (credentials as <c>***</c>).</summary>
    public Uri OllamaUri => _settings.OllamaDisplayUri;

    public ChatSettings Settings => _settings;

    public ModelCatalog Catalog => _catalog;

    /// <summary>Where the history is saved; <see langword="null"/> for one-shot questions, which keep none.</summary>
    public ChatHistoryStore? Store => _store;

    public IReadOnlyList<HistoryEntry> History => _history;

    public IReadOnlyList<ContextFile> Files => _files;

    /// <summary>The figures of the last answer, for /stats and verbose output.</summary>
    public TurnMetrics? LastMetrics { get; private set; }

    /// <summary>Continues the saved conversation of this working directory (<c>--continue</c>).</summary>
    public int Resume()
    {
        if (_store is null)
        {
            return 0;
        }

        _history.Clear();
        _history.AddRange(_store.Load());
        _startNewFile = false;
        return _history.Count;
    }

    /// <summary>Forgets the conversation, in memory and on disk.</summary>
    public void ClearHistory()
    {
        _history.Clear();
        _store?.Clear();
        _startNewFile = false;
    }

    public void AddFile(ContextFile file)
    {
        _files.RemoveAll(f => string.Equals(f.Path, file.Path, StringComparison.Ordinal));
        _files.Add(file);
    }

    public bool RemoveFile(string path) => _files.RemoveAll(f => string.Equals(f.Path, path, StringComparison.Ordinal)) > 0;

    /// <summary>Runs one turn. Never throws for Ollama's or the user's failures: they are reported and returned.</summary>
    public async Task<TurnResult> SendAsync(string input, CancellationToken cancellationToken)
    {
        // Trailing space and blank lines around a pasted block go; the first line's indentation stays (code).
        var message = (input ?? "").TrimEnd().TrimStart('\r', '\n');
        if (message.Trim().Length == 0)
        {
            const string Empty = "empty message refused: type a question, or /help for the commands.";
            _output.WriteError(Empty);
            return new TurnResult(TurnStatus.Refused, "", Empty, null);
        }

        using var turnSpan = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan);
        turnSpan?.SetTag(PatCodeDiagnostics.ModelTag, Model);
        var result = await RunTurnAsync(message, cancellationToken).ConfigureAwait(false);
        var outcome = result.Status.ToString().ToLowerInvariant();
        turnSpan?.SetTag(PatCodeDiagnostics.OutcomeTag, outcome);
        ChatInstruments.Turns.Add(1, new(ChatInstruments.ModelLabel, Model), new(ChatInstruments.OutcomeLabel, outcome));
        return result;
    }

    private async Task<TurnResult> RunTurnAsync(string message, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        ChainResult chain;
        try
        {
            var conversation = _history.Select(h => new ConversationMessage(h.Role == HistoryEntry.AssistantRole ? ConversationRole.Assistant : ConversationRole.User, h.Content)).ToList();
            chain = await _chain.RunAsync(new ChainRequest(message, WorkingDirectory, conversation, _files.ToList()), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.WriteWarning("cancelled before the model was asked.");
            return new TurnResult(TurnStatus.Cancelled, "", null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The chain isolates each plugin; if the chain itself fails, answer without plugin context rather than not at all.
            ChatLog.ChainFailed(_logger, e);
            _output.WriteWarning($"the plugins failed ({e.GetType().Name}); answering without their context. Details are in the log.");
            chain = ChainResult.Empty;
        }

        // One line on stderr per plugin that went wrong; the answer still comes, without its context.
        foreach (var run in chain.Runs.Where(r => r.WentWrong))
        {
            ChatLog.PluginFailed(_logger, run.Plugin, run.Outcome.ToString(), run.Error);
            _output.WriteWarning(run.Describe());
        }

        int window;
        try
        {
            window = await ContextWindowAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // Ollama accepted the connection but answers nothing; asking it to chat would only wait again.
            var timedOut = ChatErrors.TimedOut(OllamaUri, _settings.Timeout);
            ChatLog.TimedOut(_logger, e, _settings.Timeout);
            _output.WriteError(timedOut);
            return new TurnResult(TurnStatus.Failed, "", timedOut, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.WriteWarning("cancelled before the model was asked.");
            return new TurnResult(TurnStatus.Cancelled, "", null, null);
        }

        AssembledPrompt prompt;
        try
        {
            prompt = PromptAssembler.Assemble(new PromptParts(_settings.SystemPrompt, chain.Sections, _history, _files, message, window, _settings.PluginSharePercent));
        }
        catch (PromptTooLargeException e)
        {
            _output.WriteError(e.Message);
            ChatLog.Refused(_logger, message.Length, e.Message);
            return new TurnResult(TurnStatus.Refused, "", e.Message, null);
        }

        foreach (var truncation in prompt.Truncations)
        {
            _output.WriteWarning(truncation);
            ChatLog.Truncated(_logger, truncation);
        }

        Save(new HistoryEntry { Role = HistoryEntry.UserRole, Content = message, Timestamp = _time.GetUtcNow() });
        var options = new ChatOptions
        {
            ModelId = Model,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["num_ctx"] = window },
        };
        return await StreamAnswerAsync(prompt.Messages, options, started, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ContextWindowAsync(CancellationToken cancellationToken)
    {
        if (_settings.ContextTokens > 0)
        {
            return _settings.ContextTokens;
        }

        var own = await _catalog.GetContextLengthAsync(Model, cancellationToken).ConfigureAwait(false);
        return own is { } length ? Math.Min(length, ChatSettings.AutoContextCap) : ChatSettings.FallbackContextTokens;
    }

    private async Task<TurnResult> StreamAnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, long started, CancellationToken cancellationToken)
    {
        using var callSpan = RecordModelCallSpan ? PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ModelCallSpan) : null;
        callSpan?.SetTag(PatCodeDiagnostics.ModelTag, Model);
        var answer = await _reader.ReadAsync(messages, options, new AnswerStream(_answers.Begin(Model, Rendering)), cancellationToken).ConfigureAwait(false);
        var status = answer.Status;
        var failure = answer.Failure;
        var metrics = answer.Metrics(started);
        LastMetrics = metrics;
        Record(metrics);
        callSpan?.SetTag(PatCodeDiagnostics.OutcomeTag, status.ToString().ToLowerInvariant());

        var text = answer.Text;
        if (text.Length > 0 || status == TurnStatus.Completed)
        {
            Save(new HistoryEntry
            {
                Role = HistoryEntry.AssistantRole,
                Content = text,
                Timestamp = _time.GetUtcNow(),
                Model = Model,
                Cut = status != TurnStatus.Completed,
                Note = status == TurnStatus.Cancelled ? "cancelled by the user" : failure,
            });
        }

        if (status == TurnStatus.Cancelled)
        {
            _output.WriteWarning(text.Length > 0 ? "answer cancelled; the partial answer is kept and marked as cut." : "answer cancelled.");
        }
        else if (failure is not null)
        {
            _output.WriteError(failure);
        }
        else if (answer.FinishReason == ChatFinishReason.Length)
        {
            _output.WriteWarning("the answer stopped at the model's token limit (done_reason=length).");
        }

        if (Verbose && status == TurnStatus.Completed)
        {
            _output.WriteDim(Describe(metrics));
        }

        return new TurnResult(status, text, failure, metrics);
    }

    /// <summary>The one place the patcode.chat model metrics are recorded; a replayed (cached) answer was no model call.</summary>
    private void Record(TurnMetrics metrics)
    {
        if (metrics.CacheHit is not null)
        {
            return;
        }

        var model = new KeyValuePair<string, object?>(ChatInstruments.ModelLabel, Model);
        if (metrics.InputTokens is { } input)
        {
            ChatInstruments.Tokens.Add(input, model, new(ChatInstruments.DirectionLabel, "input"));
        }

        if (metrics.OutputTokens is { } output)
        {
            ChatInstruments.Tokens.Add(output, model, new(ChatInstruments.DirectionLabel, "output"));
        }

        if (metrics.TimeToFirstToken is { } ttft)
        {
            ChatInstruments.TimeToFirstToken.Record(ttft.TotalSeconds, model);
        }

        if (metrics.TokensPerSecond is { } speed)
        {
            ChatInstruments.TokensPerSecond.Record(speed, model);
        }
    }

    /// <summary>The verbose line: tokens in and out, speed from Ollama's final-line metrics, and time to first token.</summary>
    internal static string Describe(TurnMetrics metrics)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            $"tokens in: {metrics.InputTokens?.ToString(c) ?? "?"}",
            $"tokens out: {metrics.OutputTokens?.ToString(c) ?? "?"}",
            $"speed: {(metrics.TokensPerSecond is { } tps ? tps.ToString("0.0", c) : "?")} tokens/s",
            $"first token: {(metrics.TimeToFirstToken is { } ttft ? ttft.TotalMilliseconds.ToString("0", c) : "?")} ms",
            $"total: {metrics.Total.TotalSeconds.ToString("0.00", c)} s",
        };
        if (metrics.CacheHit is { } hit)
        {
            parts.Add($"from the response cache ({hit})");
        }

        return string.Join(" · ", parts);
    }

    private void Save(HistoryEntry entry)
    {
        _history.Add(entry);
        if (_store is null)
        {
            return;
        }

        try
        {
            if (_startNewFile)
            {
                _store.StartNew();
                _startNewFile = false;
            }

            _store.Append(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ChatLog.HistoryWriteFailed(_logger, e, _store.FilePath);
            _output.WriteWarning($"could not save the history to {_store.FilePath}: {e.Message}");
        }
    }
}
