using PatCode.Core.Plugins.Discovery;

namespace PatCode.Core.Tests.Plugins;

public sealed class PluginNameTests
{
    [TestCase("Alpha")]
    [TestCase("Acme.Greeter")]
    [TestCase("my-plugin_2")]
    [TestCase("a")]
    [TestCase("9lives")]
    [TestCase("a..b")]
    public void Identifiers_AreValid(string name)
    {
        Assert.That(PluginName.IsValid(name), Is.True);
        Assert.That(PluginName.Validate(name), Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("...")]
    [TestCase(".hidden")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("../x")]
    [TestCase("two words")]
    [TestCase("tab\there")]
    [TestCase("Ålpha")]
    [TestCase("\u0410lpha")] // a Cyrillic А that looks like Alpha
    [TestCase("\u001b]0;title\u0007")]
    public void AnythingElse_IsRefused_WithTheRuleInTheReason(string? name)
    {
        Assert.That(PluginName.IsValid(name), Is.False);
        Assert.That(PluginName.Validate(name), Does.Contain("is not a valid plugin name: use 1 to 64 letters, digits, '.', '-' or '_', not starting with '.'"));
        Assert.That(PluginName.Validate(name)!.Any(char.IsControl), Is.False, "the reason is safe to print");
    }

    [Test]
    public void NamesAreAtMost64Characters_AndComparedWithoutCase()
    {
        Assert.That(PluginName.IsValid(new string('a', 64)), Is.True);
        Assert.That(PluginName.IsValid(new string('a', 65)), Is.False);
        Assert.That(PluginName.AreSame("Alpha", "ALPHA"), Is.True);
        Assert.That(PluginName.Comparer.Equals("git-helper", "Git-Helper"), Is.True);
    }

    [TestCase("..")]
    [TestCase("...")]
    [TestCase(".")]
    public void AFolderWhoseManifestNameIsNotAnIdentifier_IsListedAsInvalid(string name)
    {
        using var temp = new TemporaryDirectory();
        var folder = TestPlugins.Install("TestPlugins.Alpha", temp.Path, "alpha");
        File.WriteAllText(Path.Combine(folder, "plugin.json"), $$"""{ "name": "{{name}}", "assembly": "TestPlugins.Alpha.dll", "sdkVersion": "1.0.0" }""");

        var found = PluginDiscovery.Discover([new PluginRoot(temp.Path, PluginSource.User)]).Single();

        Assert.That(found.Name, Is.EqualTo("alpha"), "listed under its folder's name");
        Assert.That(found.Problem, Does.Contain($"'{name}' is not a valid plugin name"));
    }

    [Test]
    public void ADllDeclaringANameThatIsNotAnIdentifier_IsListedAsInvalid()
    {
        using var temp = new TemporaryDirectory();
        TestPlugins.Install("TestPlugins.BadName", temp.Path);

        var found = PluginDiscovery.Discover([new PluginRoot(temp.Path, PluginSource.User)]).Single();

        Assert.That(found.Name, Is.EqualTo("BadName"));
        Assert.That(found.Problem, Does.Contain("[PatCodePlugin] name '../BadName' is not a valid plugin name"));
    }

    [Test]
    public void AManifestNameOfAnotherCase_StillMatchesTheDll()
    {
        using var temp = new TemporaryDirectory();
        var folder = TestPlugins.Install("TestPlugins.Alpha", temp.Path);
        File.WriteAllText(Path.Combine(folder, "plugin.json"), """{ "name": "ALPHA", "assembly": "TestPlugins.Alpha.dll", "sdkVersion": "1.0.0" }""");

        var found = PluginDiscovery.Discover([new PluginRoot(temp.Path, PluginSource.User)]).Single();

        Assert.That(found.Problem, Is.Null);
        Assert.That(found.Name, Is.EqualTo("Alpha"));
    }
}
