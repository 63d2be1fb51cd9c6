using PatCode.Sdk;

namespace PatCode.Sdk.Tests;

public sealed class SdkInfoTests
{
    [Test]
    public void Version_IsTheStampedPackageVersion() => Assert.That(SdkInfo.Version, Is.EqualTo(new Version(1, 1, 0)));

    [TestCase("1.0.0", true)]
    [TestCase("1.0.7", true)]
    [TestCase("1.1.0", true)]
    [TestCase("1.1.5", true)]
    [TestCase("1.2.0", false)]
    [TestCase("1.99.0", false)]
    [TestCase("0.9.0", false)]
    [TestCase("2.0.0", false)]
    public void CanHonour_SameMajorAndNoNewerMinor(string pluginSdk, bool expected) =>
        Assert.That(SdkInfo.CanHonour(Version.Parse(pluginSdk)), Is.EqualTo(expected));

    [Test]
    public void CanHonour_AHostOnSdk10_RefusesAPluginBuiltAgainst11() =>
        Assert.That(SdkInfo.CanHonour(new Version(1, 1, 0), new Version(1, 0, 0)), Is.False);

    [Test]
    public void AssemblyVersion_StaysFixedWithinTheMajorVersion() =>
        Assert.That(typeof(Plugin).Assembly.GetName().Version, Is.EqualTo(new Version(1, 0, 0, 0)));
}
