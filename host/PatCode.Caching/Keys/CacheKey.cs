namespace PatCode.Caching.Keys;

/// <summary>
/// Everything the stores need to find an entry: its partition, its exact key and, for prompts, the scope that near
/// hits must share and the prompt's word-pair shingles with their LSH band keys. The near part is computed only when
/// first needed, so an exact hit never pays for shingling.
/// </summary>
internal sealed class CacheKey
{
    private readonly Func<NearKey>? _computeNear;
    private NearKey? _near;

    public CacheKey(string partition, KeyHash hash, Func<NearKey>? computeNear = null)
    {
        Partition = partition;
        Hash = hash;
        _computeNear = computeNear;
    }

    public string Partition { get; }

    public KeyHash Hash { get; }

    /// <summary>Hash of partition, model, options, context, numbers, code blocks and secrets: near hits only happen within one scope.</summary>
    public ulong NearScope => Near.Scope;

    /// <summary>Sorted, distinct 64-bit hashes of the prompt's word pairs; empty when the entry takes part in exact lookups only.</summary>
    public ulong[] Shingles => Near.Shingles;

    /// <summary>One key per LSH band (already mixed with <see cref="NearScope"/>).</summary>
    public ulong[] BandKeys => Near.BandKeys;

    public bool SupportsNear => _computeNear is not null && BandKeys.Length > 0;

    private NearKey Near => _near ??= _computeNear?.Invoke() ?? NearKey.None;
}
