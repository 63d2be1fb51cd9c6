namespace PatCode.Caching.Keys;

/// <summary>The near-lookup part of a key: scope, shingles and band keys.</summary>
internal sealed record NearKey(ulong Scope, ulong[] Shingles, ulong[] BandKeys)
{
    public static NearKey None { get; } = new(0, [], []);
}
