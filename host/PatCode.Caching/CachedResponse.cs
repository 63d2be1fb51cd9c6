namespace PatCode.Caching;

/// <summary>A cached answer.</summary>
/// <param name="Text">The answer's text.</param>
/// <param name="Kind">Whether the request matched exactly or nearly.</param>
/// <param name="Similarity">The prompts' Jaccard similarity (1 for an exact hit).</param>
/// <param name="OutputTokens">Tokens the model produced for the answer.</param>
/// <param name="ModelTime">How long the model took to produce it.</param>
public sealed record CachedResponse(string Text, CacheHitKind Kind, double Similarity, long OutputTokens, TimeSpan ModelTime);
