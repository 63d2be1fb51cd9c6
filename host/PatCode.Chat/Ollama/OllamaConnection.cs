using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OllamaSharp;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// The client side of Ollama: one <see cref="OllamaApiClient"/> over an HTTP stack whose body reads obey
/// cancellation, exposed as a Microsoft.Extensions.AI <see cref="IChatClient"/> pipeline. The host's
/// <c>configure</c> hook adds its middleware (cache, telemetry) outside the retry layer, so a cache hit
/// never touches the network and a retry is never cached twice.
/// </summary>
public sealed class OllamaConnection : IDisposable
{
    private readonly HttpClient _http;

    private OllamaConnection(HttpClient http, OllamaApiClient api, IChatClient chatClient, ModelCatalog catalog)
    {
        _http = http;
        Api = api;
        ChatClient = chatClient;
        Catalog = catalog;
    }

    /// <summary>OllamaSharp's client, for the endpoints <see cref="IChatClient"/> does not cover.</summary>
    public OllamaApiClient Api { get; }

    /// <summary>The pipeline every chat turn goes through.</summary>
    public IChatClient ChatClient { get; }

    public ModelCatalog Catalog { get; }

    public Uri Uri => Api.Uri;

    /// <summary>Builds the connection.</summary>
    /// <param name="settings">Address, model, retries.</param>
    /// <param name="loggerFactory">For retry warnings and failure details.</param>
    /// <param name="configure">
    /// The host's hook to add middleware, e.g. <c>(b, models) =&gt; b.UseResponseCache(cache, models.TrackDigests())</c>;
    /// runs before the retry layer is added, so what it adds sits outside it.
    /// </param>
    /// <param name="timeProvider">Clock for backoff waits.</param>
    /// <param name="primaryHandler">The innermost HTTP handler; tests leave it null to use real sockets.</param>
    public static OllamaConnection Create(
        ChatSettings settings,
        ILoggerFactory loggerFactory,
        Action<ChatClientBuilder, ModelCatalog>? configure = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        primaryHandler ??= new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, settings.Timeout.TotalSeconds)),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(new GuardedResponseHandler(primaryHandler))
        {
            BaseAddress = settings.OllamaUri,
            // Our own first-token and idle timeouts govern; HttpClient's single deadline would cut long answers.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        if (settings.OllamaCredentials is { } credentials)
        {
            // OLLAMA_HOST=http://user:password@host: for a proxy that asks for a login in front of Ollama.
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}")));
        }

        var api = CreateApiClient(http, settings.Model);
        var logger = loggerFactory.CreateLogger("PatCode.Chat");
        var catalog = new ModelCatalog(api, http, settings.Timeout, logger);
        var builder = new ChatClientBuilder(api);
        configure?.Invoke(builder, catalog);
        builder.Use(inner => new RetryingChatClient(inner, settings.Retries, settings.RetryDelay, timeProvider ?? TimeProvider.System, logger));
        var chatClient = builder.Build();
        return new OllamaConnection(http, api, chatClient, catalog);
    }

    /// <summary>
    /// OllamaSharp's client with PatCode's JSON: the source-generated <see cref="OllamaJsonContext"/>, and the chat
    /// request and answer lines written and read by hand (see <see cref="ChatRequestConverter"/>).
    /// </summary>
    internal static OllamaApiClient CreateApiClient(HttpClient http, string model)
    {
        var api = new OllamaApiClient(http, model, OllamaJsonContext.Default);
        api.OutgoingJsonSerializerOptions.Converters.Add(new ChatRequestConverter());
        api.IncomingJsonSerializerOptions.Converters.Add(new ChatStreamLineConverter<ChatResponseStream>());
        api.IncomingJsonSerializerOptions.Converters.Add(new ChatStreamLineConverter<ChatDoneResponseStream>());
        return api;
    }

    public void Dispose()
    {
        ChatClient.Dispose();
        _http.Dispose();
    }
}
