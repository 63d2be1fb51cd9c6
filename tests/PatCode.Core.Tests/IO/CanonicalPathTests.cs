using PatCode.Core.IO;

namespace PatCode.Core.Tests.IO;

public sealed class CanonicalPathTests
{
    [Test]
    public void Links_AreResolved_AndDotDotAppliesAfterTheLinkItFollows()
    {
        using var temp = new TemporaryDirectory();
        var root = CanonicalPath.Resolve(temp.Path);
        var deep = Directory.CreateDirectory(Path.Combine(root, "a", "b", "c")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "x"));
        File.CreateSymbolicLink(Path.Combine(root, "x", "link"), deep);

        // Lexically x/link/.. would be x; really it is a/b, the parent of the link's target.
        Assert.That(CanonicalPath.Resolve(Path.Combine(root, "x", "link", "..")), Is.EqualTo(Path.Combine(root, "a", "b")));
        Assert.That(CanonicalPath.Resolve(Path.Combine(root, "x", "link", "file.txt")), Is.EqualTo(Path.Combine(deep, "file.txt")));
        Assert.That(CanonicalPath.Resolve(Path.Combine(root, "x", ".", "missing")), Is.EqualTo(Path.Combine(root, "x", "missing")));
    }

    [Test]
    public void ALoopOfLinks_IsAnError_NotAHang()
    {
        using var temp = new TemporaryDirectory();
        File.CreateSymbolicLink(Path.Combine(temp.Path, "one"), "two");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "two"), "one");

        Assert.Throws<IOException>(() => CanonicalPath.Resolve(Path.Combine(temp.Path, "one")));
    }

    [Test]
    public void IsInside_MeansStrictlyBelow_NotASiblingWithTheSamePrefix()
    {
        Assert.That(CanonicalPath.IsInside("/home/u/plugins/a", "/home/u/plugins"), Is.True);
        Assert.That(CanonicalPath.IsInside("/home/u/plugins", "/home/u/plugins"), Is.False);
        Assert.That(CanonicalPath.IsInside("/home/u/plugins-evil/a", "/home/u/plugins"), Is.False);
        Assert.That(CanonicalPath.IsInside("/home/u", "/home/u/plugins"), Is.False);
    }
}
