namespace PatCode.Caching.Keys;

/// <summary>A prompt as near lookups see it.</summary>
/// <param name="Shingles">Sorted, distinct hashes of its word pairs (a single word stands alone).</param>
/// <param name="Anchors">Hash of its numbers, code blocks and secrets in order: these must be identical for a near hit.</param>
internal readonly record struct PromptShingles(ulong[] Shingles, ulong Anchors);
