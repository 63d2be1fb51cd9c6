using PatCode.Chat.Answers;
using PatCode.Chat.Ollama;
using PatCode.Core.Configuration;

namespace PatCode.Chat;

/// <summary>The configuration keys of the chat; the host adds <see cref="All"/> to the keys it loads.</summary>
public static class ChatConfigKeys
{
    public const string OllamaHost = "ollama.host";
    public const string Model = "model";
    public const string TimeoutSeconds = "chat.timeoutSeconds";
    public const string SystemPrompt = "chat.systemPrompt";
    public const string ContextTokens = "chat.contextTokens";
    public const string MaxFileBytes = "chat.maxFileBytes";
    public const string Verbose = "chat.verbose";
    public const string Retries = "chat.retries";
    public const string Render = "chat.render";
    public const string InputHistorySize = "repl.historySize";

    public const string DefaultModel = "llama3.2";

    public const string DefaultSystemPrompt =
        "You are PatCode, a concise coding assistant running in the user's terminal. Use the context sections " +
        "and loaded files when they are relevant, say which file you mean, and answer in Markdown.";

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new(OllamaHost, "Where Ollama listens; also accepts Ollama's forms such as 0.0.0.0:11434 or host:port.", OllamaEndpoint.DefaultUrl)
        {
            EnvironmentVariables = ["OLLAMA_HOST"],
            Validate = OllamaEndpoint.Validate,
        },
        new(Model, "The Ollama model to chat with.", DefaultModel)
        {
            EnvironmentVariables = ["PATCODE_MODEL"],
            Flag = "--model",
            Validate = static v => string.IsNullOrWhiteSpace(v) || v.Any(char.IsWhiteSpace) ? $"'{v}' is not a model name" : null,
        },
        new(TimeoutSeconds, "Seconds to wait for Ollama's first token (and between tokens) before giving up.", "120")
        {
            Validate = Validators.Number(1, 3600),
        },
        new(SystemPrompt, "The system prompt put before every conversation.", DefaultSystemPrompt),
        new(ContextTokens, "The context window (num_ctx) to use; 0 means the model's own, capped at 8192.", "0")
        {
            Validate = Validators.WholeNumber(0, 1_048_576),
        },
        new(MaxFileBytes, "The largest file /load accepts, in bytes.", "262144")
        {
            Validate = Validators.WholeNumber(1, 16 * 1024 * 1024),
        },
        new(Verbose, "Show tokens in/out, tokens per second and time to first token after each answer.", "false")
        {
            Flag = "--verbose",
            Validate = Validators.Boolean,
        },
        new(Retries, "How often a transient failure (connection reset, HTTP 503) is retried, with backoff.", "2")
        {
            Validate = Validators.WholeNumber(0, 10),
        },
        new(Render, "How answers are shown on a terminal: markdown (rendered as they stream) or plain (the model's text as sent).", "markdown")
        {
            Validate = Validators.OneOf("markdown", "plain"),
        },
        new(InputHistorySize, "How many of your REPL inputs are kept for Up and Ctrl+R across sessions (secrets redacted); 0 keeps none on disk.", "1000")
        {
            Validate = Validators.WholeNumber(0, 100_000),
        },
    ];

    /// <summary>Reads a <see cref="Render"/> value (already validated).</summary>
    public static AnswerRendering ParseRendering(string value) =>
        string.Equals(value, "plain", StringComparison.OrdinalIgnoreCase) ? AnswerRendering.Plain : AnswerRendering.Markdown;
}
