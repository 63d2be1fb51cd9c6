namespace PatCode.Caching.Similarity;

/// <summary>
/// MinHash signatures cut into LSH bands. With 20 bands of 5 rows a pair at Jaccard 0.85 shares at least one band
/// with probability 1 - (1 - 0.85^5)^20 ≈ 0.99999, at 0.7 about 0.97, and at 0.3 only about 0.05, so candidates are
/// few and near duplicates are almost never missed. Candidates are then checked with their exact Jaccard.
/// </summary>
internal static class MinHasher
{
    public const int Bands = 20;
    public const int RowsPerBand = 5;
    public const int HashCount = Bands * RowsPerBand;

    private static readonly ulong[] Seeds = CreateSeeds();

    /// <summary>One key per band for <paramref name="shingles"/>, mixed with <paramref name="scope"/> so scopes never share a bucket.</summary>
    public static ulong[] BandKeys(ulong scope, ReadOnlySpan<ulong> shingles)
    {
        if (shingles.IsEmpty)
        {
            return [];
        }

        Span<ulong> signature = stackalloc ulong[HashCount];
        signature.Fill(ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < HashCount; i++)
            {
                var h = Mix(shingle ^ Seeds[i]);
                if (h < signature[i])
                {
                    signature[i] = h;
                }
            }
        }

        var keys = new ulong[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var key = Mix(scope + ((ulong)band * 0x9E3779B97F4A7C15UL));
            for (var row = 0; row < RowsPerBand; row++)
            {
                key = Mix(key ^ signature[(band * RowsPerBand) + row]);
            }

            keys[band] = key;
        }

        return keys;
    }

    // SplitMix64's finalizer: cheap and mixes every input bit into every output bit.
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] CreateSeeds()
    {
        // Fixed seeds: band keys are persisted and shared between processes and machines.
        var seeds = new ulong[HashCount];
        var state = 0x5041_5443_4F44_4531UL;
        for (var i = 0; i < HashCount; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}
