using System.Composition;
using System.Reflection;
using System.Text.Json;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Samples.Hello;
using PatCode.Samples.ServicesDemo;
using PatCode.Sdk;

namespace PatCode.Plugins.Samples.Tests;

public sealed class SamplePluginTests
{
    [Test]
    public async Task Hello_Greeting_AddsTheGreetingSection()
    {
        var plugin = new HelloPlugin();
        var context = new SampleContext("Hola, PatCode", Path.GetTempPath());

        Assert.That(plugin.CanHandle(context), Is.True);
        await plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(context.Sections.Single().Title, Is.EqualTo("Greeting"));
    }

    [Test]
    public async Task ServicesDemo_SecondMessage_IsServedFromTheCacheAndCounted()
    {
        var plugin = new ServicesDemoPlugin();
        var folder = Directory.CreateTempSubdirectory("patcode-sample");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.txt"), "a");
            var context = new SampleContext("services demo", folder.FullName);

            await plugin.ExecuteAsync(context, CancellationToken.None);
            await plugin.ExecuteAsync(context, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(context.Counters["cache_misses"], Is.EqualTo(1));
                Assert.That(context.Counters["cache_hits"], Is.EqualTo(1));
                Assert.That(context.Counters["duration:summarise"], Is.EqualTo(1));
                Assert.That(context.Sections[1].Content, Is.EqualTo(context.Sections[0].Content).And.Contain("1 files and 0 folders"));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task IsolationDemo_LoadedFromItsFolder_RunsItsOwnJsonNet12InItsOwnContext()
    {
        var folder = Path.Combine(SamplePluginsDirectory, "PatCode.Samples.IsolationDemo");
        using var loader = PluginLoader.CreateFromAssemblyFile(
            Path.Combine(folder, "PatCode.Samples.IsolationDemo.dll"),
            isUnloadable: true,
            sharedTypes: [typeof(Plugin), typeof(ILogger), typeof(ExportAttribute)]);
        var pluginType = loader.LoadDefaultAssembly().GetTypes().Single(t => typeof(Plugin).IsAssignableFrom(t));
        var plugin = (Plugin)Activator.CreateInstance(pluginType)!;
        var context = new SampleContext("show me isolation", Path.GetTempPath());

        await plugin.ExecuteAsync(context, CancellationToken.None);

        using var report = JsonDocument.Parse(context.Sections.Single().Content);
        Assert.Multiple(() =>
        {
            Assert.That(report.RootElement.GetProperty("assemblyVersion").GetString(), Is.EqualTo("12.0.0.0"));
            Assert.That(report.RootElement.GetProperty("packageVersion").GetString(), Does.StartWith("12.0.3"));
            Assert.That(report.RootElement.GetProperty("isDefaultContext").GetBoolean(), Is.False);
            Assert.That(AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Newtonsoft.Json").Select(a => a.Location),
                Has.All.StartWith(folder), "Json.NET should only be loaded from the plugin's folder");
        });
    }

    private static string SamplePluginsDirectory => typeof(SamplePluginTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SamplePluginsDirectory").Value!;
}
