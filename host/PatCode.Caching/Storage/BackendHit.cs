namespace PatCode.Caching.Storage;

/// <summary>A value a store found.</summary>
internal sealed record BackendHit(string Value, CacheHitKind Kind, double Similarity, long OutputTokens, long ModelMs);
