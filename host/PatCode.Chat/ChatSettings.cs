using PatCode.Chat.Answers;
using PatCode.Chat.Ollama;
using PatCode.Core.Configuration;

namespace PatCode.Chat;

/// <summary>The chat's settings, read once from the effective configuration.</summary>
public sealed record ChatSettings
{
    public required Uri OllamaUri { get; init; }

    public string Model { get; init; } = ChatConfigKeys.DefaultModel;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public string SystemPrompt { get; init; } = ChatConfigKeys.DefaultSystemPrompt;

    /// <summary>The context window to fill; 0 asks the model (via /api/show), capped at <see cref="AutoContextCap"/>.</summary>
    public int ContextTokens { get; init; }

    public long MaxFileBytes { get; init; } = 262_144;

    public bool Verbose { get; init; }

    /// <summary>How answers are shown on a terminal (<c>chat.render</c>).</summary>
    public AnswerRendering Rendering { get; init; }

    public int Retries { get; init; } = 2;

    /// <summary>The first retry's wait; each next one doubles it.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest window used when the model's own is bigger: Ollama allocates the whole KV cache for
    /// <c>num_ctx</c>, so asking for a 128k window by default would cost gigabytes.
    /// </summary>
    public const int AutoContextCap = 8192;

    /// <summary>The window assumed when the model cannot be asked.</summary>
    public const int FallbackContextTokens = 4096;

    public static ChatSettings From(PatCodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ChatSettings
        {
            OllamaUri = OllamaEndpoint.Parse(configuration.GetRequired(ChatConfigKeys.OllamaHost)),
            Model = configuration.GetRequired(ChatConfigKeys.Model),
            Timeout = configuration.GetSeconds(ChatConfigKeys.TimeoutSeconds),
            SystemPrompt = configuration.Get(ChatConfigKeys.SystemPrompt) ?? "",
            ContextTokens = configuration.GetInt32(ChatConfigKeys.ContextTokens),
            MaxFileBytes = configuration.GetInt64(ChatConfigKeys.MaxFileBytes),
            Verbose = configuration.GetBoolean(ChatConfigKeys.Verbose),
            Rendering = ChatConfigKeys.ParseRendering(configuration.GetRequired(ChatConfigKeys.Render)),
            Retries = configuration.GetInt32(ChatConfigKeys.Retries),
        };
    }
}
