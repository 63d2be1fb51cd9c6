using System.Text.Json.Nodes;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Discovery;

namespace PatCode.Core.Tests.Plugins.Discovery;

public sealed class BuiltinPluginIndexTests
{
    private string _root = "";

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("patcode-index-").FullName;
        TestPlugins.Install("TestPlugins.Alpha", _root);
        TestPlugins.Install("TestPlugins.Beta", _root);
        TestPlugins.Install("TestPlugins.Last", _root);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public void TheIndex_GivesTheSameDeclarationsAsTheAssemblies()
    {
        var fromMetadata = Describe(Discover(PluginSource.Builtin, useIndex: false));

        var indexed = BuiltinPluginIndex.Write(_root);
        var fromIndex = Describe(Discover(PluginSource.Builtin, useIndex: true));

        Assert.Multiple(() =>
        {
            Assert.That(indexed, Is.EqualTo(3));
            Assert.That(fromMetadata, Has.Count.EqualTo(3));
            Assert.That(fromMetadata.Single(d => d.StartsWith("Beta", StringComparison.Ordinal)), Does.Contain("Critical").And.Contain("[Alpha]").And.Contain("Needs Alpha"));
            Assert.That(fromIndex, Is.EqualTo(fromMetadata));
            Assert.That(Directory.GetFiles(_root), Is.EqualTo(new[] { Path.Combine(_root, BuiltinPluginIndex.FileName) }));
        });
    }

    [Test]
    public void AnIndexedDeclaration_IsUsed_WhileTheAssemblyIsUnchanged()
    {
        BuiltinPluginIndex.Write(_root);
        EditIndex(entry => entry["plugins"]![0]!["description"] = "from the index");

        Assert.That(DescriptionOfAlpha(PluginSource.Builtin), Is.EqualTo("from the index"));
    }

    [Test]
    public void AnAssemblyWithAnotherSizeOrTime_IsReadFromItsMetadata()
    {
        BuiltinPluginIndex.Write(_root);
        EditIndex(entry => entry["plugins"]![0]!["description"] = "from the index");
        var real = DescriptionOfAlpha(PluginSource.Builtin, useIndex: false);

        var dll = Path.Combine(_root, "TestPlugins.Alpha", "TestPlugins.Alpha.dll");
        File.SetLastWriteTimeUtc(dll, File.GetLastWriteTimeUtc(dll).AddSeconds(-5));
        Assert.That(DescriptionOfAlpha(PluginSource.Builtin), Is.EqualTo(real), "a DLL with another time");

        BuiltinPluginIndex.Write(_root);
        EditIndex(entry =>
        {
            entry["plugins"]![0]!["description"] = "from the index";
            entry["length"] = entry["length"]!.GetValue<long>() + 1;
        });
        Assert.That(DescriptionOfAlpha(PluginSource.Builtin), Is.EqualTo(real), "a DLL with another size");
    }

    [Test]
    public void OnlyTheBuiltinsFolder_IsAnsweredFromAnIndex()
    {
        BuiltinPluginIndex.Write(_root);
        EditIndex(entry => entry["plugins"]![0]!["description"] = "from the index");

        Assert.Multiple(() =>
        {
            Assert.That(DescriptionOfAlpha(PluginSource.User), Is.Not.EqualTo("from the index"));
            Assert.That(DescriptionOfAlpha(PluginSource.Development), Is.Not.EqualTo("from the index"));
        });
    }

    [TestCase("not json at all")]
    [TestCase("{\"schema\": 2, \"assemblies\": {}}")]
    [TestCase("{\"schema\": 1}")]
    [TestCase("{\"schema\": 1, \"assemblies\": {\"TestPlugins.Alpha/TestPlugins.Alpha.dll\": {\"length\": \"big\"}}}")]
    public void AnIndexThatCannotBeRead_IsIgnored(string contents)
    {
        var fromMetadata = Describe(Discover(PluginSource.Builtin, useIndex: false));
        File.WriteAllText(Path.Combine(_root, BuiltinPluginIndex.FileName), contents);

        Assert.That(Describe(Discover(PluginSource.Builtin, useIndex: true)), Is.EqualTo(fromMetadata));
    }

    [Test]
    public void ADeclarationTheScanWouldRefuse_IsNotTakenFromTheIndex()
    {
        BuiltinPluginIndex.Write(_root);
        EditIndex(entry =>
        {
            entry["plugins"]![0]!["description"] = "from the index";
            entry["plugins"]![0]!["priority"] = 42;
        });

        Assert.That(DescriptionOfAlpha(PluginSource.Builtin), Is.Not.EqualTo("from the index"));
    }

    [Test]
    public void AFolderWithAProblem_IsLeftOutOfTheIndex_AndStillReported()
    {
        var broken = Path.Combine(_root, "Broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "plugin.json"), "{ \"schema\": 1, \"name\": \"Broken\", \"assembly\": \"Broken.dll\", \"sdkVersion\": \"1.0.0\" }");
        File.WriteAllText(Path.Combine(broken, "Broken.dll"), "not an assembly");

        var indexed = BuiltinPluginIndex.Write(_root);
        var found = Discover(PluginSource.Builtin, useIndex: true);

        Assert.Multiple(() =>
        {
            Assert.That(indexed, Is.EqualTo(3));
            Assert.That(File.ReadAllText(Path.Combine(_root, BuiltinPluginIndex.FileName)), Does.Not.Contain("Broken"));
            Assert.That(found.Single(p => p.Name == "Broken").Problem, Does.Contain("is not a .NET assembly"));
        });
    }

    private IReadOnlyList<DiscoveredPlugin> Discover(PluginSource source, bool useIndex) =>
        PluginDiscovery.Discover([new PluginRoot(_root, source)], useIndex);

    private string? DescriptionOfAlpha(PluginSource source, bool useIndex = true) =>
        Discover(source, useIndex).Single(p => p.Name == "Alpha").Metadata?.Description;

    private static List<string> Describe(IEnumerable<DiscoveredPlugin> found) =>
        [.. found.Select(p => p.Metadata is { } m
            ? $"{m.Name} {p.Declaration!.TypeName} {m.Version} {m.Author} {m.Description} {m.Priority} {m.EnabledByDefault} [{string.Join(',', m.Dependencies)}] sdk {p.SdkVersion} {p.Problem}"
            : $"{p.Name} {p.Problem}")];

    private void EditIndex(Action<JsonObject> editAlpha)
    {
        var path = Path.Combine(_root, BuiltinPluginIndex.FileName);
        var index = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        editAlpha(index["assemblies"]!["TestPlugins.Alpha/TestPlugins.Alpha.dll"]!.AsObject());
        File.WriteAllText(path, index.ToJsonString());
    }
}
