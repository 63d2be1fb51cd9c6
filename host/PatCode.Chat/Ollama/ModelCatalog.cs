using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OllamaSharp;

namespace PatCode.Chat.Ollama;

/// <summary>What Ollama knows about its models: the local list and digests (<c>/api/tags</c>) and each model's context length (<c>/api/show</c>).</summary>
/// <param name="ollama">OllamaSharp's client.</param>
/// <param name="http">The HTTP client <paramref name="ollama"/> sends through (base address, credentials, guards).</param>
/// <param name="timeout">How long one call may take before it fails with <see cref="TimeoutException"/> (a server that accepts and never answers).</param>
/// <param name="logger">For details of failures.</param>
public sealed class ModelCatalog(IOllamaApiClient ollama, HttpClient http, TimeSpan timeout, ILogger logger)
{
    private readonly IOllamaApiClient _ollama = ollama;
    private readonly HttpClient _http = http;
    private readonly TimeSpan _timeout = timeout;
    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<string, int?> _contextLengths = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task<int?>> _prefetches = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _digestGate = new();
    private Task<IReadOnlyDictionary<string, string>?>? _digests;
    private bool _digestsWanted;

    /// <summary>How long one call may take.</summary>
    public TimeSpan Timeout => _timeout;

    public Uri Uri => _ollama.Uri;

    /// <summary>The local models. Throws what OllamaSharp throws when Ollama is unreachable.</summary>
    public async Task<IReadOnlyList<LocalModel>> ListAsync(CancellationToken cancellationToken)
    {
        var models = await WithTimeoutAsync(ct => _ollama.ListLocalModelsAsync(ct), cancellationToken).ConfigureAwait(false);
        return models
            .Select(m => new LocalModel(m.Name, m.Size, m.Details?.ParameterSize ?? "", m.Details?.QuantizationLevel ?? "") { Digest = m.Digest })
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Whether <paramref name="model"/> is pulled; a name without a tag means <c>:latest</c>.</summary>
    public async Task<bool> ExistsAsync(string model, CancellationToken cancellationToken)
    {
        var wanted = WithTag(model);
        var models = await ListAsync(cancellationToken).ConfigureAwait(false);
        return models.Any(m => string.Equals(WithTag(m.Name), wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The model lookup a response cache keys answers with (a re-pulled model has a new digest). Taking it makes every
    /// question's first call to Ollama also list the models, in parallel, so the digest is there when the cache asks.
    /// </summary>
    public Func<string, CancellationToken, Task<string?>> TrackDigests()
    {
        _digestsWanted = true;
        return GetDigestAsync;
    }

    /// <summary>
    /// <paramref name="model"/>'s digest from <c>/api/tags</c>, listed once and then remembered; <see langword="null"/>
    /// when the model is not pulled or Ollama cannot be asked (the next call asks again).
    /// </summary>
    public async Task<string?> GetDigestAsync(string model, CancellationToken cancellationToken)
    {
        var fetch = StartDigests();
        var digests = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (digests is null)
        {
            lock (_digestGate)
            {
                // Ollama could not be asked: the next question asks again.
                if (_digests == fetch)
                {
                    _digests = null;
                }
            }
        }

        return digests?.GetValueOrDefault(WithTag(model));
    }

    /// <summary>
    /// The model's context length from <c>model_info</c>, or <see langword="null"/> when it cannot be had (the
    /// caller assumes a default). Throws <see cref="TimeoutException"/> when Ollama does not answer at all.
    /// </summary>
    public async Task<int?> GetContextLengthAsync(string model, CancellationToken cancellationToken)
    {
        if (_contextLengths.TryGetValue(model, out var known))
        {
            return known;
        }

        if (_prefetches.TryRemove(model, out var prefetch))
        {
            return await prefetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        StartDigestsIfWanted();
        return await FetchContextLengthAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts asking for <paramref name="model"/>'s context length now, so the question's first call to Ollama
    /// overlaps other start-up work (plugin workers starting); <see cref="GetContextLengthAsync"/> takes the answer.
    /// </summary>
    public void Prefetch(string model)
    {
        if (_contextLengths.ContainsKey(model) || _prefetches.ContainsKey(model))
        {
            return;
        }

        // On a pool thread: the first request's synchronous part (HTTP and JSON set-up) is long enough that the
        // caller, loading plugins meanwhile, should not wait for it.
        var fetch = Task.Run(() =>
        {
            StartDigestsIfWanted();
            return FetchContextLengthAsync(model, CancellationToken.None);
        });
        _ = fetch.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _prefetches[model] = fetch;
    }

    private async Task<int?> FetchContextLengthAsync(string model, CancellationToken cancellationToken)
    {
        int? length = null;
        try
        {
            length = await WithTimeoutAsync(ct => ReadContextLengthAsync(model, ct), cancellationToken).ConfigureAwait(false);
            _contextLengths[model] = length;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            // The chat call that follows reports the real problem (unreachable, model missing) with its fix.
            ChatLog.ContextLengthUnknown(_logger, e, model);
        }

        return length;
    }

    private void StartDigestsIfWanted()
    {
        if (_digestsWanted)
        {
            _ = StartDigests();
        }
    }

    private Task<IReadOnlyDictionary<string, string>?> StartDigests()
    {
        lock (_digestGate)
        {
            return _digests ??= FetchDigestsAsync();
        }
    }

    private async Task<IReadOnlyDictionary<string, string>?> FetchDigestsAsync()
    {
        try
        {
            return await WithTimeoutAsync(ReadDigestsAsync, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            // Without a digest the response cache falls back to the last one it saw.
            ChatLog.DigestsUnknown(_logger, e);
            return null;
        }
    }

    /// <summary>
    /// Model name (with its tag) to digest, from <c>/api/tags</c>. Read with <see cref="JsonDocument"/>, which the
    /// framework ships precompiled: OllamaSharp's typed list JITs ~150 methods on the way to an <c>ask</c>'s answer.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> ReadDigestsAsync(CancellationToken cancellationToken)
    {
        using var json = await AskForJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("api/tags", UriKind.Relative)), cancellationToken).ConfigureAwait(false);
        var digests = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("models", out var models)
            && models.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in models.EnumerateArray())
            {
                if (Text(model, "name") is { Length: > 0 } name && Text(model, "digest") is { Length: > 0 } digest)
                {
                    digests.TryAdd(WithTag(name), digest);
                }
            }
        }

        return digests;
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// The <c>&lt;architecture&gt;.context_length</c> of <c>/api/show</c>'s <c>model_info</c>, read with
    /// <see cref="JsonDocument"/> for the same reason as the digests: OllamaSharp's typed request and response JIT
    /// some 350 methods (value-type property metadata) on the way to the answer.
    /// </summary>
    private async Task<int?> ReadContextLengthAsync(string model, CancellationToken cancellationToken)
    {
        var payload = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteEndObject();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/show", UriKind.Relative)) { Content = new ReadOnlyMemoryContent(payload.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var json = await AskForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("model_info", out var info)
            || info.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in info.EnumerateObject())
        {
            if (property.Name.EndsWith(".context_length", StringComparison.Ordinal)
                && property.Value.ValueKind == JsonValueKind.Number
                && property.Value.TryGetInt32(out var length)
                && length > 0)
            {
                return length;
            }
        }

        return null;
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it) and parses the answer's body; a status other than success throws <see cref="HttpRequestException"/>.</summary>
    private async Task<JsonDocument> AskForJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Ollama at {Uri} did not answer within {_timeout.TotalSeconds} s.", e);
        }
    }

    internal static string WithTag(string name) => name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";
}
