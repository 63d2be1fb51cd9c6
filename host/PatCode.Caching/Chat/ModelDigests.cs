using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PatCode.Caching.Diagnostics;

namespace PatCode.Caching.Chat;

/// <summary>
/// The model digest a chat answer's cache key carries. The live digest comes from the host (Ollama's
/// <c>/api/tags</c>). Whenever an answer is stored under a live digest, the digest is also remembered in the cache
/// itself (its own partition, with the answers' time to live), so while Ollama cannot be asked the last digest seen
/// still finds the answers stored for that build of the model; a re-pulled model, once seen, never does.
/// </summary>
internal sealed class ModelDigests(ResponseCache cache, Func<string, CancellationToken, Task<string?>> live, ILogger logger)
{
    /// <summary>The partition of the remembered digests; plugins' partitions start with <c>plugin:</c>, so none can reach it.</summary>
    internal const string Partition = "host:model-digest";

    private readonly ConcurrentDictionary<string, string> _remembered = new(StringComparer.Ordinal);

    /// <summary>The digest to key <paramref name="model"/>'s answers with, and whether it is live (else remembered, or none).</summary>
    public async ValueTask<(string? Digest, bool Live)> ResolveAsync(string model, CancellationToken cancellationToken)
    {
        string? digest = null;
        try
        {
            digest = await live(model, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.OperationFailed(e, "model digest lookup");
        }

        return digest is not null
            ? (digest, true)
            : (await cache.GetPluginValueAsync(Partition, model, cancellationToken), false);
    }

    /// <summary>Remembers <paramref name="digest"/> for <paramref name="model"/> (once per process while it stays the same).</summary>
    public async ValueTask RememberAsync(string model, string digest)
    {
        if (_remembered.TryGetValue(model, out var known) && string.Equals(known, digest, StringComparison.Ordinal))
        {
            return;
        }

        await cache.SetPluginValueAsync(Partition, model, digest, timeToLive: null, CancellationToken.None);
        _remembered[model] = digest;
    }
}
