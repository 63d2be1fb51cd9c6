using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PatCode.Caching.Diagnostics;
using PatCode.Caching.Keys;
using PatCode.Caching.Plugins;
using PatCode.Caching.Storage;
using PatCode.Core.Security;
using PatCode.Sdk;

namespace PatCode.Caching;

/// <summary>
/// The host's response cache: chat answers keyed by model, options and messages, with exact and near-duplicate
/// lookups, plus a partition per plugin. A failing store never fails the caller: lookups miss and writes are
/// skipped, and the reason goes to the log. Create it with <see cref="ResponseCacheFactory"/>.
/// </summary>
public sealed class ResponseCache : IAsyncDisposable, IDisposable
{
    private static readonly object Clean = new();
    private readonly ICacheBackend? _backend;
    private readonly ILogger _logger;

    // The chat middleware looks a request up and, on a miss, stores the answer to that same request: its key (and
    // the near part, once computed) is built once for both. One turn at a time, so the last one is enough.
    private ChatKeyMemo? _lastChatKey;

    // Every turn sends the whole conversation again; a message text already scanned and found clean is not scanned
    // again. Keyed by the string instance (strings are immutable), so an entry lives only as long as the text does.
    private readonly ConditionalWeakTable<string, object> _textsWithoutSecrets = new();

    internal ResponseCache(ICacheBackend? backend, CacheOptions options, ILogger logger, IReadOnlyList<string> warnings, TimeProvider timeProvider)
    {
        _backend = backend;
        TimeProvider = timeProvider;
        Options = options;
        _logger = logger;
        Warnings = warnings;
    }

    public CacheOptions Options { get; }

    /// <summary>False when the cache is switched off or its store could not be opened.</summary>
    public bool IsEnabled => _backend is not null;

    /// <summary>Lines the host should show the user once, such as a corrupt database that was moved aside.</summary>
    public IReadOnlyList<string> Warnings { get; }

    internal ICacheBackend? Backend => _backend;

    internal TimeProvider TimeProvider { get; }

    /// <summary>Finds a cached answer to <paramref name="request"/>: an exact hit, else a near one.</summary>
    public async ValueTask<CachedResponse?> GetAsync(ChatCacheRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_backend is null)
        {
            return null;
        }

        using var activity = CacheInstruments.StartLookup(CacheKeyBuilder.ChatPartition);
        BackendHit? hit = null;
        try
        {
            hit = await _backend.GetAsync(ChatKey(request), Options.SimilarityThreshold, cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            _logger.OperationFailed(e, "lookup");
        }

        CacheInstruments.RecordLookup(activity, ResultName(hit), "chat");
        return hit is null ? null : new CachedResponse(hit.Value, hit.Kind, hit.Similarity, hit.OutputTokens, TimeSpan.FromMilliseconds(hit.ModelMs));
    }

    /// <summary>
    /// Stores a complete answer. Neither an answer that looks like it holds a secret nor one to a prompt that does
    /// (any message sent: system prompt, context sections, history, question) is stored (see docs/cache.md).
    /// </summary>
    /// <returns>Whether the answer was stored.</returns>
    public async ValueTask<bool> SetAsync(ChatCacheRequest request, string answer, long outputTokens, TimeSpan modelTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        if (_backend is null)
        {
            return false;
        }

        var value = new StoredValue(answer, Options.TimeToLive, outputTokens, (long)modelTime.TotalMilliseconds);
        var promptHoldsSecret = request.Messages.Any(m => HoldsSecret(m.Text));
        return await StoreAsync(CacheKeyBuilder.ChatPartition, () => ChatKey(request), value, promptHoldsSecret, cancellationToken);
    }

    /// <summary>The SDK's <see cref="IResponseCache"/> for one plugin: a partition of its own over the same store.</summary>
    public IResponseCache ForPlugin(string pluginName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        return new PluginResponseCache(this, "plugin:" + pluginName);
    }

    public async ValueTask<CacheStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        _backend is null
            ? new CacheStatistics { Backend = "disabled", Location = Options.Enabled ? "(could not be opened)" : "(cache.enabled is false)" }
            : await _backend.GetStatisticsAsync(cancellationToken);

    /// <summary>Removes every entry; the counters stay.</summary>
    /// <returns>How many entries were removed.</returns>
    public async ValueTask<long> ClearAsync(CancellationToken cancellationToken = default) =>
        _backend is null ? 0 : await _backend.ClearAsync(cancellationToken);

    /// <summary>Removes the expired entries.</summary>
    /// <returns>How many entries were removed.</returns>
    public async ValueTask<long> RemoveExpiredAsync(CancellationToken cancellationToken = default) =>
        _backend is null ? 0 : await _backend.RemoveExpiredAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal async ValueTask<string?> GetPluginValueAsync(string partition, string key, CancellationToken cancellationToken)
    {
        if (_backend is null)
        {
            return null;
        }

        using var activity = CacheInstruments.StartLookup(partition);
        BackendHit? hit = null;
        try
        {
            hit = await _backend.GetAsync(CacheKeyBuilder.ForPlugin(partition, key), nearThreshold: 1, cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            _logger.OperationFailed(e, "lookup");
        }

        CacheInstruments.RecordLookup(activity, ResultName(hit), "plugin");
        return hit?.Value;
    }

    internal async ValueTask SetPluginValueAsync(string partition, string key, string value, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        if (_backend is null)
        {
            return;
        }

        var stored = new StoredValue(value, timeToLive ?? Options.TimeToLive, OutputTokens: 0, ModelMs: 0);
        await StoreAsync(partition, () => CacheKeyBuilder.ForPlugin(partition, key), stored, SecretRedactor.ContainsSecret(key), cancellationToken);
    }

    internal async ValueTask<bool> RemovePluginValueAsync(string partition, string key, CancellationToken cancellationToken)
    {
        if (_backend is null)
        {
            return false;
        }

        try
        {
            return await _backend.RemoveAsync(CacheKeyBuilder.ForPlugin(partition, key), cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            _logger.OperationFailed(e, "remove");
            return false;
        }
    }

    private async ValueTask<bool> StoreAsync(string partition, Func<CacheKey> key, StoredValue value, bool keyHoldsSecret, CancellationToken cancellationToken)
    {
        try
        {
            if (keyHoldsSecret || SecretRedactor.ContainsSecret(value.Value))
            {
                _logger.RefusedSecret(partition);
                await _backend!.RecordRefusedSecretAsync(cancellationToken);
                return false;
            }

            await _backend!.SetAsync(key(), value, cancellationToken);
            return true;
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            _logger.OperationFailed(e, "write");
            return false;
        }
    }

    // The near part of a key is computed only when a lookup or a store first reads it, so asking for it costs an
    // exact-only lookup nothing.
    private CacheKey ChatKey(ChatCacheRequest request)
    {
        if (Volatile.Read(ref _lastChatKey) is { } last && ReferenceEquals(last.Request, request))
        {
            return last.Key;
        }

        var key = CacheKeyBuilder.ForChat(request, withNear: true);
        Volatile.Write(ref _lastChatKey, new ChatKeyMemo(request, key));
        return key;
    }

    private bool HoldsSecret(string text)
    {
        if (_textsWithoutSecrets.TryGetValue(text, out _))
        {
            return false;
        }

        if (SecretRedactor.ContainsSecret(text))
        {
            return true;
        }

        _textsWithoutSecrets.AddOrUpdate(text, Clean);
        return false;
    }

    private static string ResultName(BackendHit? hit) => hit switch
    {
        null => "miss",
        { Kind: CacheHitKind.Exact } => "exact",
        _ => "near",
    };

    private sealed record ChatKeyMemo(ChatCacheRequest Request, CacheKey Key);

    // Cancellation is the caller's business; everything else a store throws is the cache's problem, not the chat's.
    private static bool IsStoreFailure(Exception e) => e is not OperationCanceledException and not OutOfMemoryException;
}
