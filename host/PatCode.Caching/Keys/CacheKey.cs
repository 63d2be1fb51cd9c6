namespace PatCode.Caching.Keys;

/// <summary>
/// Everything the stores need to find an entry: its partition, its exact key and, for prompts, the scope that near
/// hits must share and the prompt's word-pair shingles with their LSH band keys.
/// </summary>
internal sealed class CacheKey
{
    public required string Partition { get; init; }

    public required KeyHash Hash { get; init; }

    /// <summary>Hash of partition, model, options, context, numbers, code blocks and secrets: near hits only happen within one scope.</summary>
    public ulong NearScope { get; init; }

    /// <summary>Sorted, distinct 64-bit hashes of the prompt's word pairs; empty when the entry takes part in exact lookups only.</summary>
    public ulong[] Shingles { get; init; } = [];

    /// <summary>One key per LSH band (already mixed with <see cref="NearScope"/>).</summary>
    public ulong[] BandKeys { get; init; } = [];

    public bool SupportsNear => BandKeys.Length > 0;
}
