using System.Text;
using PatCode.Core.Security;

namespace PatCode.Core.Tests.Security;

public sealed class Sha256Tests
{
    // FIPS 180-4 examples (NIST's SHA-256 example values).
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void KnownMessages_GiveThePublishedDigests(string message, string digest) =>
        Assert.That(Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))), Is.EqualTo(digest));

    [Test]
    public void AMillionAs_GivesThePublishedDigest() =>
        Assert.That(Convert.ToHexStringLower(Sha256.HashData(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())),
            Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));

    [Test]
    public void EveryLengthAroundTheBlockAndPaddingEdges_MatchesThePlatformsSha256()
    {
        var random = new Random(20261201);
        var lengths = Enumerable.Range(0, 300).Concat([511, 512, 1000, 4095, 4096, 65_537, 1_048_576 + 7]);
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.That(Sha256.HashData(data), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(data)), $"length {length}");
        }
    }

    [Test]
    public void ADestinationTooSmall_IsRefused() =>
        Assert.That(() => Sha256.HashData([1, 2, 3], new byte[31]), Throws.ArgumentException);
}
