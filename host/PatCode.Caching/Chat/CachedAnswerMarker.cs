using Microsoft.Extensions.AI;

namespace PatCode.Caching.Chat;

/// <summary>
/// How an answer replayed from the response cache says so: its updates' <c>AdditionalProperties</c> carry
/// <see cref="Property"/> with <see cref="Exact"/> or <see cref="Near"/>. <see cref="ResponseCachingChatClient"/>
/// sets it; the host hands <see cref="HitKindOf"/> to the chat, which never sees the property's name.
/// </summary>
public static class CachedAnswerMarker
{
    public const string Property = "patcode.cache";

    public const string Exact = "exact";

    public const string Near = "near";

    /// <summary>"exact" or "near" when <paramref name="update"/> was replayed from the cache; otherwise <see langword="null"/>.</summary>
    public static string? HitKindOf(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.AdditionalProperties?.TryGetValue(Property, out var hit) == true ? hit?.ToString() : null;
    }

    internal static AdditionalPropertiesDictionary For(CacheHitKind kind) => new()
    {
        [Property] = kind == CacheHitKind.Exact ? Exact : Near,
    };
}
