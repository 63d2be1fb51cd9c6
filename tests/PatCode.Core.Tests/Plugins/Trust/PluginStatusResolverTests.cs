using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Trust;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Trust;

/// <summary>Status and run order from declarations alone: no files are read, so every case is exact.</summary>
public sealed class PluginStatusResolverTests
{
    private static readonly PluginRoot Builtin = new("/opt/patcode/plugins", PluginSource.Builtin);

    [Test]
    public void ACycle_IsBrokenOnce_AndEverythingThatNeedsItLosesItsDependency_WhileOthersRun()
    {
        var entries = Resolve(Plugin("A", "B"), Plugin("B", "C"), Plugin("C", "A"), Plugin("D", "A"), Plugin("E"));

        Assert.That(entries["E"].Status, Is.EqualTo(PluginStatus.Active));
        Assert.That(new[] { "A", "B", "C", "D" }.Select(n => entries[n].Status), Is.All.EqualTo(PluginStatus.MissingDependency));
        Assert.That(entries.Values.Count(e => e.Reason == "its dependencies form a cycle"), Is.EqualTo(1), "one plugin is named as the cycle's break");
        Assert.That(entries["D"].Reason, Does.StartWith("needs plugin A, which is "));
    }

    [Test]
    public void TwoPluginsNeedingEachOther_NeitherRuns_AndOneIsNamedAsTheCycle()
    {
        var entries = Resolve(Plugin("Alpha", "Beta"), Plugin("Beta", "Alpha"), Plugin("Gamma"));

        Assert.That(new[] { entries["Alpha"].Status, entries["Beta"].Status }, Is.All.EqualTo(PluginStatus.MissingDependency));
        Assert.That(entries.Values.Count(e => e.Reason == "its dependencies form a cycle"), Is.EqualTo(1));
        Assert.That(entries.Values.Count(e => e.Reason.EndsWith("which is missing a dependency itself", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(PluginStatusResolver.RunOrder(entries.Values).Select(e => e.Name), Is.EqualTo(new[] { "Gamma" }));
    }

    [Test]
    public void APluginNeedingItself_IsACycle()
    {
        var entries = Resolve(Plugin("Narcissus", "narcissus"));

        Assert.That(entries["Narcissus"].Status, Is.EqualTo(PluginStatus.MissingDependency));
        Assert.That(entries["Narcissus"].Reason, Is.EqualTo("its dependencies form a cycle"));
    }

    [Test]
    public void AMissingDependency_CascadesDownAChain_NamingEachOnesOwnNeed()
    {
        var entries = Resolve(Plugin("Top", "Middle"), Plugin("Middle", "Gone"));

        Assert.That(entries["Middle"].Reason, Is.EqualTo("needs plugin Gone, which is not installed"));
        Assert.That(entries["Top"].Reason, Is.EqualTo("needs plugin Middle, which is missing a dependency itself"));
    }

    [Test]
    public void RunOrder_IsPriorityThenName_ButADependencyAlwaysRunsBeforeItsDependent()
    {
        var entries = PluginStatusResolver.Resolve(
            [Plugin("Zeta"), Plugin("Alpha", "Late", PluginPriority.Critical), Plugin("Late", priority: PluginPriority.Last), Plugin("Beta", priority: PluginPriority.High)],
            _ => null,
            pluginsEnabled: true,
            new Dictionary<string, string>(),
            _ => "");

        var order = PluginStatusResolver.RunOrder(entries).Select(e => e.Name);

        Assert.That(order, Is.EqualTo(new[] { "Late", "Alpha", "Beta", "Zeta" }));
    }

    private static Dictionary<string, PluginEntry> Resolve(params DiscoveredPlugin[] plugins) =>
        PluginStatusResolver.Resolve(plugins, _ => null, pluginsEnabled: true, new Dictionary<string, string>(), _ => "")
            .ToDictionary(e => e.Name);

    private static DiscoveredPlugin Plugin(string name, string? dependency = null, PluginPriority priority = PluginPriority.Normal)
    {
        var metadata = new PluginMetadata(name) { Dependencies = dependency is null ? [] : [dependency], Priority = priority };
        return new DiscoveredPlugin(name, Builtin, Path.Combine(Builtin.Path, name), null, new DeclaredPlugin(name + "Plugin", metadata), SdkInfo.Version, Problem: null);
    }
}
