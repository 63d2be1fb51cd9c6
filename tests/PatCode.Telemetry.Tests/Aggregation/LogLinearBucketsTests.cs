using PatCode.Telemetry.Aggregation;

namespace PatCode.Telemetry.Tests.Aggregation;

public sealed class LogLinearBucketsTests
{
    [Test]
    public void Midpoint_IsWithinOnePointSixPercentOfEveryValueInItsBucket()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            // e^-10 .. e^27 lies inside the covered range 2^-16 .. 2^40.
            var value = Math.Exp((random.NextDouble() * 37) - 10);
            var midpoint = LogLinearBuckets.Midpoint(LogLinearBuckets.IndexOf(value));
            Assert.That(Math.Abs(midpoint - value) / value, Is.LessThanOrEqualTo(1.0 / 64), $"value {value}");
        }
    }

    [Test]
    public void IndexOf_GrowsWithTheValue()
    {
        var previous = 0;
        for (var value = 0.001; value < 1e9; value *= 1.01)
        {
            var index = LogLinearBuckets.IndexOf(value);
            Assert.That(index, Is.GreaterThanOrEqualTo(previous));
            previous = index;
        }
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(1e-9)]
    public void IndexOf_TinyZeroOrNegative_IsTheFirstBucket(double value) =>
        Assert.That(LogLinearBuckets.IndexOf(value), Is.Zero);

    [TestCase(double.PositiveInfinity)]
    [TestCase(1e15)]
    public void IndexOf_HugeOrInfinite_IsTheLastBucket(double value) =>
        Assert.That(LogLinearBuckets.IndexOf(value), Is.EqualTo(LogLinearBuckets.Count - 1));
}
