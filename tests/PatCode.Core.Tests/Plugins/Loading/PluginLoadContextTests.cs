using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using PatCode.Core.Plugins.Loading;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Loading;

/// <summary>A plugin's load context: McMaster's, with the probing paths of the plugin's own runtimeconfig files.</summary>
public sealed class PluginLoadContextTests
{
    [Test]
    public void ProbingPaths_ComeFromBothRuntimeConfigFiles_WithArchAndTfmFilledIn()
    {
        using var folder = new TemporaryDirectory();
        var assemblyPath = folder.Combine("Plugin.dll");
        folder.WriteFile("Plugin.runtimeconfig.json", $$"""
            { "runtimeOptions": { "tfm": "net10.0", "additionalProbingPaths": [ {{Quoted(folder.Combine("libs", "|arch|", "|tfm|"))}} ] } }
            """);
        folder.WriteFile("Plugin.runtimeconfig.dev.json", $$"""
            // as the runtime reads them: comments and trailing commas
            { "runtimeOptions": { "additionalProbingPaths": [ {{Quoted(folder.Combine("dev"))}}, ] } }
            """);

        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        Assert.That(PluginLoadContext.ProbingPaths(assemblyPath), Is.EqualTo(new[] { folder.Combine("libs", arch, "net10.0"), folder.Combine("dev") }));
    }

    [Test]
    public void ProbingPaths_SkipWhatTheLoaderCannotTake_AndAnUnreadableFileAddsNone()
    {
        using var folder = new TemporaryDirectory();
        var assemblyPath = folder.Combine("Plugin.dll");
        folder.WriteFile("Plugin.runtimeconfig.json", $$"""
            { "runtimeOptions": { "additionalProbingPaths": [ "relative/libs", 42, "", {{Quoted(folder.Combine("|tfm|"))}}, {{Quoted(folder.Combine("kept"))}} ] } }
            """);
        folder.WriteFile("Plugin.runtimeconfig.dev.json", "{ not json");

        Assert.That(PluginLoadContext.ProbingPaths(assemblyPath), Is.EqualTo(new[] { folder.Combine("kept") }), "no tfm is known, so a |tfm| path cannot be filled in");
        Assert.That(PluginLoadContext.ProbingPaths(folder.Combine("Missing.dll")), Is.Empty);
    }

    [Test]
    public void APluginLoads_IntoItsOwnCollectibleContext_SharingTheSdkWithTheHost()
    {
        var assemblyPath = Path.Combine(TestPlugins.Built("TestPlugins.Alpha"), "TestPlugins.Alpha.dll");

        var context = PluginLoadContext.Create(assemblyPath, [typeof(Plugin)], collectible: true);
        try
        {
            var plugin = PluginLoadContext.LoadMainAssembly(context, assemblyPath);
            var sdk = plugin.GetReferencedAssemblies().Single(a => a.Name == "PatCode.Sdk");

            Assert.That(context.IsCollectible, Is.True);
            Assert.That(AssemblyLoadContext.GetLoadContext(plugin), Is.SameAs(context));
            Assert.That(plugin.Location, Is.Empty, "read into memory, so a plugin recreated at the same path is read afresh");
            Assert.That(context.LoadFromAssemblyName(sdk), Is.SameAs(typeof(Plugin).Assembly), "the contract is the host's own copy");
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Quoted(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}
