using PatCode.Caching.Keys;
using PatCode.Caching.Similarity;

namespace PatCode.Caching.Tests.Keys;

public sealed class ShinglingTests
{
    [Test]
    public void Analyze_SwappedWords_ShareNoShingle()
    {
        var ab = PromptShingler.Analyze("rename a to b");
        var ba = PromptShingler.Analyze("rename b to a");

        Assert.That(Jaccard.Similarity(ab.Shingles, ba.Shingles), Is.Zero);
    }

    [Test]
    public void Analyze_NumbersAndCode_GoIntoTheAnchorsNotTheWords()
    {
        var one = PromptShingler.Analyze("fix line 10 in `foo()` now");
        var other = PromptShingler.Analyze("fix line 11 in `foo()` now");
        var code = PromptShingler.Analyze("fix line 10 in `bar()` now");

        Assert.That(one.Anchors, Is.Not.EqualTo(other.Anchors));
        Assert.That(one.Anchors, Is.Not.EqualTo(code.Anchors));
        Assert.That(PromptShingler.Analyze("fix line 10 in `foo()` now").Anchors, Is.EqualTo(one.Anchors));
    }

    [Test]
    public void BandKeys_SameShinglesInAnotherScope_ShareNoBand()
    {
        var shingles = PromptShingler.Analyze(TestCaches.LongPrompt).Shingles;

        var first = MinHasher.BandKeys(1, shingles);
        var second = MinHasher.BandKeys(2, shingles);

        Assert.That(first, Has.Length.EqualTo(MinHasher.Bands));
        Assert.That(first.Intersect(second), Is.Empty);
        Assert.That(MinHasher.BandKeys(1, shingles), Is.EqualTo(first));
    }

    [Test]
    public void ForChat_KeyIsCanonical_NullAndEmptyDigestDiffer()
    {
        var request = TestCaches.Request("hello there");

        Assert.That(CacheKeyBuilder.ForChat(request, true).Hash, Is.EqualTo(CacheKeyBuilder.ForChat(TestCaches.Request("hello there"), false).Hash));
        Assert.That(CacheKeyBuilder.ForChat(request with { ModelDigest = "" }, true).Hash, Is.Not.EqualTo(CacheKeyBuilder.ForChat(request, true).Hash));
    }
}
