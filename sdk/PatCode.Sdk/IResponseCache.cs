namespace PatCode.Sdk;

/// <summary>
/// The host's cache. A plugin sees its own partition, so keys never collide with another plugin's
/// or with the chat's cached answers. Values may be stored on disk or in a shared store such as
/// Redis, so never cache secrets.
/// </summary>
public interface IResponseCache
{
    /// <summary>Gets the value stored under <paramref name="key"/>, if it is there and has not expired.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The value, or <see langword="null"/> on a miss.</returns>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="timeToLive">How long the value stays valid; <see langword="null"/> takes the host's default.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the value stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns><see langword="true"/> when a value was removed.</returns>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);
}
