namespace PatCode.Caching;

/// <summary>
/// What decides a model's answer, and so the cache key: the model (and its digest when known), the messages,
/// and the options that change the output. The last user message is the prompt that near lookups compare;
/// everything before it is the context, which must match exactly.
/// </summary>
public sealed record ChatCacheRequest
{
    public required string Model { get; init; }

    /// <summary>The model's digest, so a re-pulled model with the same name does not reuse old answers.</summary>
    public string? ModelDigest { get; init; }

    public required IReadOnlyList<CacheMessage> Messages { get; init; }

    public float? Temperature { get; init; }

    public long? Seed { get; init; }

    public int? ContextLength { get; init; }

    /// <summary>The requested output format: <c>json</c>, a JSON schema, or <see langword="null"/> for text.</summary>
    public string? Format { get; init; }
}
