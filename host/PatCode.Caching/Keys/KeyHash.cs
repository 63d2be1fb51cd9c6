using System.Buffers.Binary;
using System.Globalization;

namespace PatCode.Caching.Keys;

/// <summary>A SHA-256 cache key held as four words, so the in-memory index compares and hashes it without allocating.</summary>
internal readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int Size = 32;

    public static KeyHash FromBytes(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), D);
        return bytes;
    }

    public string ToHex() => Convert.ToHexStringLower(ToBytes());

    public static KeyHash FromHex(string hex) => FromBytes(Convert.FromHexString(hex));

    // The words are already uniformly random, so one of them is a good hash code.
    public override int GetHashCode() => (int)A;

    public bool Equals(KeyHash other) => A == other.A && B == other.B && C == other.C && D == other.D;

    public override string ToString() => ToHex()[..12].ToString(CultureInfo.InvariantCulture);
}
