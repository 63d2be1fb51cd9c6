namespace PatCode.Telemetry.Aggregation;

/// <summary>
/// Bucket layout of the timer histograms, HDR-style: each power of two is split into 32 equal buckets, so a
/// bucket is at most 1/32 of its lower bound wide and a percentile read from its midpoint is within ~1.6% of
/// the true sample. The index comes from the double's exponent and top mantissa bits: no logarithm, no loop.
/// Covers 2^-16 (~0.000015) to 2^40 (~1.1e12); smaller values (and 0 or negatives) share the first bucket,
/// larger ones (and infinity) the last, and both are reported through the exact min and max. NaN is never recorded.
/// </summary>
internal static class LogLinearBuckets
{
    public const int SubBucketBits = 5;
    public const int SubBuckets = 1 << SubBucketBits;
    public const int MinExponent = -16;
    public const int MaxExponent = 39;
    public const int Count = 1 + ((MaxExponent - MinExponent + 1) * SubBuckets) + 1;

    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;

    public static int IndexOf(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (bits <= 0)
        {
            // Zero and negative numbers: the sign bit makes the bits negative.
            return 0;
        }

        var exponent = (int)(bits >> MantissaBits) - ExponentBias;
        if (exponent < MinExponent)
        {
            return 0;
        }

        if (exponent > MaxExponent)
        {
            // Includes infinity (exponent 1024).
            return Count - 1;
        }

        var subBucket = (int)(bits >> (MantissaBits - SubBucketBits)) & (SubBuckets - 1);
        return 1 + ((exponent - MinExponent) << SubBucketBits) + subBucket;
    }

    /// <summary>The value reported for samples in bucket <paramref name="index"/>: its midpoint.</summary>
    public static double Midpoint(int index)
    {
        var offset = index - 1;
        var exponent = MinExponent + (offset >> SubBucketBits);
        var subBucket = offset & (SubBuckets - 1);
        var lower = Math.ScaleB(1.0 + ((double)subBucket / SubBuckets), exponent);
        var width = Math.ScaleB(1.0 / SubBuckets, exponent);
        return lower + (width / 2);
    }
}
