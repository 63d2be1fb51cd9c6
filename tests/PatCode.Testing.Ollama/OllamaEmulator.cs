using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PatCode.Testing.Ollama;

/// <summary>
/// A fake Ollama server speaking the real HTTP protocol on 127.0.0.1 (see docs/ollama-api.md): the
/// discovery endpoints, streaming NDJSON chat and generate with metrics on the final line, Ollama's error
/// shapes, and switchable misbehaviour (slow, hanging, 503, an error line mid-stream). Every request is
/// recorded so a test can assert what reached the model.
/// </summary>
public sealed partial class OllamaEmulator : IAsyncDisposable
{
    public const string Version = "0.12.6";

    // Go's encoder leaves quotes and apostrophes alone; so does this one.
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _scriptedAnswers = new();
    private readonly object _gate = new();
    private List<EmulatedModel> _models;
    private int _failuresLeft;
    private int _failureStatus = 503;

    private OllamaEmulator(WebApplication app, IEnumerable<EmulatedModel> models)
    {
        _app = app;
        _models = models.ToList();
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The models <c>/api/tags</c> lists; any other name gets Ollama's 404.</summary>
    public IReadOnlyList<EmulatedModel> Models
    {
        get
        {
            lock (_gate)
            {
                return _models.ToList();
            }
        }

        set
        {
            lock (_gate)
            {
                _models = value.ToList();
            }
        }
    }

    /// <summary>The misbehaviour on chat and generate requests.</summary>
    public EmulatorFault Fault { get; set; }

    /// <summary>A wait before each streamed token (slow mode).</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>When set, the stream breaks off with an <c>{"error":…}</c> line after this many tokens (HTTP status stays 200).</summary>
    public int? ErrorAfterTokens { get; set; }

    /// <summary>The text of the mid-stream error line.</summary>
    public string StreamErrorMessage { get; set; } = "an error was encountered while running the model: unexpected EOF";

    /// <summary>The answer when nothing is scripted; receives the last user message (or prompt).</summary>
    public Func<string, string> DefaultAnswer { get; set; } = static _ => "The sky is blue because air scatters blue light more than red light.";

    /// <summary>The <c>done_reason</c> of the final line: <c>stop</c>, or <c>length</c> to say the answer hit the token limit.</summary>
    public string DoneReason { get; set; } = "stop";

    /// <summary>The <c>eval_duration</c> reported per generated token, in nanoseconds (20 ms = 50 tokens/s).</summary>
    public long EvalNanosecondsPerToken { get; set; } = 20_000_000;

    /// <summary>
    /// When set, the emulator acts as Ollama behind a proxy that asks for a login: a request whose Authorization
    /// header is not exactly this value (e.g. <c>Basic YWxpY2U6czNjcmV0</c>) gets 401 and a WWW-Authenticate challenge.
    /// </summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The requests to <c>/api/chat</c>.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => Requests.Where(r => r.Path == "/api/chat").ToList();

    /// <summary>Starts an emulator on 127.0.0.1 and a free port (or <paramref name="port"/>).</summary>
    public static async Task<OllamaEmulator> StartAsync(IEnumerable<EmulatedModel>? models = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(OllamaEmulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, InertLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var emulator = new OllamaEmulator(app, models ?? [new EmulatedModel("llama3.2", 131072), new EmulatedModel("qwen2.5-coder:7b", 32768, "qwen2")]);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>Queues an answer for the next chat or generate request; unqueued requests get <see cref="DefaultAnswer"/>.</summary>
    public void EnqueueAnswer(string answer) => _scriptedAnswers.Enqueue(answer);

    /// <summary>Pass to <see cref="FailNext"/> to drop the connection instead of answering.</summary>
    public const int ResetConnection = 0;

    /// <summary>
    /// The next <paramref name="count"/> chat or generate requests are answered with <paramref name="statusCode"/>
    /// (503 by default), or have their connection dropped with <see cref="ResetConnection"/>.
    /// </summary>
    public void FailNext(int count, int statusCode = 503)
    {
        _failureStatus = statusCode;
        Interlocked.Exchange(ref _failuresLeft, count);
    }

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    internal static string WithTag(string name) => name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";

    private async Task HandleAsync(HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", body, authorization, received);
        _requests.Enqueue(request);
        try
        {
            await RouteAsync(context, request).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away (Ctrl+C, timeout) or the emulator stopped; Ollama logs 499 here.
            request.StatusCode = 499;
            context.Abort();
            return;
        }

        if (request.Dropped)
        {
            return; // dropped on purpose (ResetConnection): no status, never completed
        }

        request.StatusCode = context.Response.StatusCode;
        request.CompletedTimestamp = Stopwatch.GetTimestamp();
    }

    private async Task RouteAsync(HttpContext context, RecordedRequest request)
    {
        if (Fault == EmulatorFault.Hang)
        {
            // Headers are never sent: the client sees a server that accepted the connection and went silent.
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, abort.Token).ConfigureAwait(false);
        }

        if (RequiredAuthorization is { } required && !string.Equals(request.Authorization, required, StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"ollama\"";
            await WriteTextAsync(context, "401 Unauthorized", 401).ConfigureAwait(false);
            return;
        }

        var method = request.Method;
        await (request.Path switch
        {
            "/" when method is "GET" or "HEAD" => WriteTextAsync(context, "Ollama is running"),
            "/api/version" when method == "GET" => WriteJsonAsync(context, 200, new JsonObject { ["version"] = Version }),
            "/api/tags" when method == "GET" => WriteJsonAsync(context, 200, Tags()),
            "/api/show" when method == "POST" => ShowAsync(context, request),
            "/api/chat" when method == "POST" => CompleteAsync(context, request, chat: true),
            "/api/generate" when method == "POST" => CompleteAsync(context, request, chat: false),
            _ => WriteTextAsync(context, "404 page not found", 404),
        }).ConfigureAwait(false);
    }

    private JsonObject Tags()
    {
        var models = new JsonArray();
        foreach (var model in Models)
        {
            models.Add(new JsonObject
            {
                ["name"] = model.FullName,
                ["model"] = model.FullName,
                ["modified_at"] = "2024-12-07T09:32:18.757212583-08:00",
                ["size"] = 2019393189,
                ["digest"] = model.Digest,
                ["details"] = Details(model),
            });
        }

        return new JsonObject { ["models"] = models };
    }

    private static JsonObject Details(EmulatedModel model) => new()
    {
        ["parent_model"] = "",
        ["format"] = "gguf",
        ["family"] = model.Family,
        ["families"] = new JsonArray(model.Family),
        ["parameter_size"] = "3.2B",
        ["quantization_level"] = "Q4_K_M",
    };

    private async Task ShowAsync(HttpContext context, RecordedRequest request)
    {
        if (!TryReadModel(request, out var json, out var modelName, out var problem))
        {
            await WriteErrorAsync(context, 400, problem).ConfigureAwait(false);
            return;
        }

        _ = json;
        var model = Find(modelName);
        if (model is null)
        {
            await WriteErrorAsync(context, 404, $"model '{modelName}' not found").ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["modelfile"] = $"FROM {model.FullName}\n",
            ["parameters"] = "stop \"<|eot_id|>\"",
            ["template"] = "{{ .Prompt }}",
            ["details"] = Details(model),
            ["model_info"] = new JsonObject
            {
                ["general.architecture"] = model.Family,
                ["general.parameter_count"] = 3212749888L,
                [$"{model.Family}.context_length"] = model.ContextLength,
                [$"{model.Family}.embedding_length"] = 3072,
            },
            ["capabilities"] = new JsonArray("completion"),
            ["modified_at"] = "2024-12-07T09:32:18.757212583-08:00",
        }).ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext context, RecordedRequest request, bool chat)
    {
        var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        using (abort)
        {
            var token = abort.Token;
            if (!TryReadModel(request, out var json, out var modelName, out var problem))
            {
                await WriteErrorAsync(context, 400, problem).ConfigureAwait(false);
                return;
            }

            if (Fault == EmulatorFault.Unavailable || TryTakeFailure(out _))
            {
                var status = Fault == EmulatorFault.Unavailable ? 503 : _failureStatus;
                if (status == ResetConnection)
                {
                    // Drop the TCP connection without an answer, as a crashed or restarting server does.
                    request.Dropped = true;
                    context.Abort();
                    return;
                }

                await WriteErrorAsync(context, status, status == 503 ? "server busy, please try again.  maximum pending requests exceeded" : "failure").ConfigureAwait(false);
                return;
            }

            var model = Find(modelName);
            if (model is null)
            {
                await WriteErrorAsync(context, 404, $"model '{modelName}' not found").ConfigureAwait(false);
                return;
            }

            var prompt = PromptOf(json!, chat, out var lastUser);
            var answer = _scriptedAnswers.TryDequeue(out var scripted) ? scripted : DefaultAnswer(lastUser);
            var tokens = Tokenize(answer);
            var stream = json!["stream"]?.GetValueKind() != JsonValueKind.False;
            var promptTokens = Math.Max(1, (prompt.Length + 3) / 4);

            if (!stream)
            {
                var whole = Line(model, chat, answer, done: false);
                AddMetrics(whole, chat, promptTokens, tokens.Count);
                await WriteJsonAsync(context, 200, whole).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-ndjson";
            var sent = 0;
            foreach (var piece in tokens)
            {
                if (ErrorAfterTokens is { } limit && sent >= limit)
                {
                    await WriteLineAsync(context, new JsonObject { ["error"] = StreamErrorMessage }, token).ConfigureAwait(false);
                    return;
                }

                if (TokenDelay > TimeSpan.Zero)
                {
                    await Task.Delay(TokenDelay, token).ConfigureAwait(false);
                }

                await WriteLineAsync(context, Line(model, chat, piece, done: false), token).ConfigureAwait(false);
                sent++;
            }

            if (ErrorAfterTokens is { } last && sent >= last)
            {
                await WriteLineAsync(context, new JsonObject { ["error"] = StreamErrorMessage }, token).ConfigureAwait(false);
                return;
            }

            var final = Line(model, chat, "", done: true);
            AddMetrics(final, chat, promptTokens, tokens.Count);
            await WriteLineAsync(context, final, token).ConfigureAwait(false);
        }
    }

    private bool TryTakeFailure(out int status)
    {
        status = _failureStatus;
        while (true)
        {
            var left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private static bool TryReadModel(RecordedRequest request, out JsonNode? json, out string model, out string problem)
    {
        model = "";
        problem = "";
        json = null;
        if (request.Body.Trim().Length == 0)
        {
            problem = "missing request body";
            return false;
        }

        json = request.Json;
        if (json is not JsonObject)
        {
            problem = "invalid character in request body";
            return false;
        }

        // Older clients send "name" to /api/show.
        model = (json["model"] ?? json["name"])?.GetValue<string>() ?? "";
        if (model.Length == 0)
        {
            problem = "model is required";
            return false;
        }

        return true;
    }

    private EmulatedModel? Find(string name)
    {
        var tagged = WithTag(name);
        return Models.FirstOrDefault(m => string.Equals(m.FullName, tagged, StringComparison.OrdinalIgnoreCase));
    }

    private static string PromptOf(JsonNode json, bool chat, out string lastUser)
    {
        lastUser = "";
        if (!chat)
        {
            lastUser = json["prompt"]?.GetValue<string>() ?? "";
            return (json["system"]?.GetValue<string>() ?? "") + lastUser;
        }

        var all = new StringBuilder();
        if (json["messages"] is JsonArray messages)
        {
            foreach (var message in messages)
            {
                var content = message?["content"]?.GetValue<string>() ?? "";
                all.Append(content);
                if (message?["role"]?.GetValue<string>() == "user")
                {
                    lastUser = content;
                }
            }
        }

        return all.ToString();
    }

    private static List<string> Tokenize(string answer) =>
        TokenPattern().Matches(answer).Select(m => m.Value).ToList();

    [GeneratedRegex(@"\s*\S+\s*?(?=\s|$)|\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private static JsonObject Line(EmulatedModel model, bool chat, string content, bool done)
    {
        var line = new JsonObject
        {
            ["model"] = model.FullName,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        };
        if (chat)
        {
            line["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content };
        }
        else
        {
            line["response"] = content;
        }

        line["done"] = done;
        return line;
    }

    private void AddMetrics(JsonObject line, bool chat, int promptTokens, int evalCount)
    {
        const long LoadNanoseconds = 1_334_875;
        var promptEval = promptTokens * 1_000_000L;
        var eval = evalCount * EvalNanosecondsPerToken;
        line["done"] = true;
        line["done_reason"] = DoneReason;
        line["total_duration"] = LoadNanoseconds + promptEval + eval;
        line["load_duration"] = LoadNanoseconds;
        line["prompt_eval_count"] = promptTokens;
        line["prompt_eval_duration"] = promptEval;
        line["eval_count"] = evalCount;
        line["eval_duration"] = eval;
        if (!chat)
        {
            line["context"] = new JsonArray(1, 2, 3);
        }
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString(WireJson) + "\n");
        await context.Response.Body.WriteAsync(bytes, token).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, new JsonObject { ["error"] = message });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(WireJson)).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, string text, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(text).ConfigureAwait(false);
        }
    }
}
