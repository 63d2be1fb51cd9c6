using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PatCode.Caching.Chat;

/// <summary>Adds the response cache to a chat pipeline.</summary>
public static class ResponseCacheChatClientBuilderExtensions
{
    /// <summary>Adds <see cref="ResponseCachingChatClient"/> at this point of the pipeline.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="cache">The cache, from <see cref="ResponseCacheFactory"/>.</param>
    /// <param name="modelDigest">Optional: gives a model's digest (<see langword="null"/> when it cannot be had) so answers are tied to the exact model build.</param>
    /// <param name="logger">Optional: where bypass reasons are logged at Debug.</param>
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, ResponseCache cache, Func<string, CancellationToken, Task<string?>>? modelDigest = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        return builder.Use(inner => new ResponseCachingChatClient(inner, cache, modelDigest, logger));
    }
}
