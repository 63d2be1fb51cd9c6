using System.Runtime.InteropServices;
using PatCode.Caching.Keys;

namespace PatCode.Caching.Storage;

/// <summary>
/// An entry's metadata as the in-memory index holds it; the value itself stays in the store. Shingles and band keys
/// are kept as the stored bytes and read as 64-bit words in place, so opening a large cache copies nothing.
/// </summary>
internal sealed class StoredEntry
{
    public long RowId { get; set; }

    public required KeyHash Key { get; init; }

    public required string Partition { get; init; }

    public ulong NearScope { get; init; }

    public byte[] ShingleBytes { get; init; } = [];

    public byte[] BandKeyBytes { get; init; } = [];

    public long CreatedMs { get; init; }

    public long ExpiresMs { get; init; }

    public long LastHitMs { get; set; }

    public long Hits { get; set; }

    public long Size { get; init; }

    public long OutputTokens { get; init; }

    public long ModelMs { get; init; }

    /// <summary>The value, when the index keeps it in memory (see <see cref="InMemoryIndex.RememberValue"/>).</summary>
    public string? Value { get; set; }

    /// <summary>Marks the lookup that last visited this entry, so a candidate found in several bands is checked once.</summary>
    public int VisitStamp { get; set; }

    public ReadOnlySpan<ulong> Shingles => MemoryMarshal.Cast<byte, ulong>(ShingleBytes);

    public ReadOnlySpan<ulong> BandKeys => MemoryMarshal.Cast<byte, ulong>(BandKeyBytes);

    public bool IsExpired(long nowMs) => ExpiresMs <= nowMs;
}
