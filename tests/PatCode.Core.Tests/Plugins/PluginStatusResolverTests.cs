using PatCode.Core.Plugins;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PluginStatusResolverTests
{
    private static readonly PluginRoot Builtin = new("/builtin", PluginSource.Builtin);

    [Test]
    public void TwoPluginsNeedingEachOther_NeitherRuns_AndOneIsNamedAsTheCycle()
    {
        var entries = Resolve(Plugin("alpha", "beta"), Plugin("beta", "alpha"), Plugin("gamma"));

        Assert.That(StatusOf(entries, "alpha"), Is.EqualTo(PluginStatus.MissingDependency));
        Assert.That(StatusOf(entries, "beta"), Is.EqualTo(PluginStatus.MissingDependency));
        Assert.That(entries.Count(e => e.Reason == "its dependencies form a cycle"), Is.EqualTo(1));
        Assert.That(entries.Single(e => e.Reason != "its dependencies form a cycle" && e.Name != "gamma").Reason, Does.Contain("which is missingdependency"));
        Assert.That(PluginStatusResolver.RunOrder(entries).Select(e => e.Name), Is.EqualTo(new[] { "gamma" }));
    }

    [Test]
    public void APluginNeedingItself_IsACycle()
    {
        var entries = Resolve(Plugin("alpha", "alpha"));

        Assert.That(entries.Single().Status, Is.EqualTo(PluginStatus.MissingDependency));
        Assert.That(entries.Single().Reason, Is.EqualTo("its dependencies form a cycle"));
    }

    [Test]
    public void ALongerCycle_StopsEveryPluginOnIt_AndThoseThatNeedThem()
    {
        var entries = Resolve(Plugin("a", "b"), Plugin("b", "c"), Plugin("c", "a"), Plugin("d", "a"), Plugin("e"));

        Assert.That(entries.Where(e => e.Name != "e").Select(e => e.Status), Is.All.EqualTo(PluginStatus.MissingDependency));
        Assert.That(StatusOf(entries, "e"), Is.EqualTo(PluginStatus.Active));
    }

    [Test]
    public void AChainWithoutACycle_RunsDependenciesFirst()
    {
        var entries = Resolve(Plugin("a", "b"), Plugin("b", "c"), Plugin("c"));

        Assert.That(entries.Select(e => e.Status), Is.All.EqualTo(PluginStatus.Active));
        Assert.That(PluginStatusResolver.RunOrder(entries).Select(e => e.Name), Is.EqualTo(new[] { "c", "b", "a" }));
    }

    private static IReadOnlyList<PluginEntry> Resolve(params DiscoveredPlugin[] plugins) =>
        PluginStatusResolver.Resolve(plugins, _ => null, pluginsEnabled: true, new Dictionary<string, string>(), _ => "");

    private static PluginStatus StatusOf(IReadOnlyList<PluginEntry> entries, string name) => entries.Single(e => e.Name == name).Status;

    private static DiscoveredPlugin Plugin(string name, params string[] dependencies) =>
        new(name, Builtin, $"/builtin/{name}", Manifest: null, new DeclaredPlugin($"Plugins.{name}", new PluginMetadata(name) { Dependencies = dependencies }), SdkInfo.Version, Problem: null);
}
