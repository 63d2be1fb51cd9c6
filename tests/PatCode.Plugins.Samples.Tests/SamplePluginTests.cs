using System.Composition;
using System.Reflection;
using System.Text.Json;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Samples.Hello;
using PatCode.Samples.ServicesDemo;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Samples.Tests;

public sealed class SamplePluginTests
{
    [Test]
    public async Task Hello_Greeting_AddsTheGreetingSection()
    {
        var context = new TestPluginContext("Hola, PatCode", Path.GetTempPath());

        var result = await context.RunAsync(new HelloPlugin());

        Assert.That(result?.Success, Is.True, "Hello handles a greeting");
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
            var context = new TestPluginContext("services demo", folder.FullName);

            await context.RunAsync(plugin);
            await context.RunAsync(plugin);

            Assert.Multiple(() =>
            {
                Assert.That(context.Telemetry.Counters["cache_misses"], Is.EqualTo(1));
                Assert.That(context.Telemetry.Counters["cache_hits"], Is.EqualTo(1));
                Assert.That(context.Telemetry.Durations("summarise"), Has.Count.EqualTo(1));
                Assert.That(context.Sections[1].Content, Is.EqualTo(context.Sections[0].Content).And.Contain("1 files and 0 folders"));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task ServicesDemo_Command_ShowsTheSummaryThenForgetsIt()
    {
        var folder = Directory.CreateTempSubdirectory("patcode-sample");
        try
        {
            var plugin = new ServicesDemoPlugin();
            var services = new TestPluginServices();

            var summary = await PluginCommandRunner.RunAsync(plugin, "services-demo", workingDirectory: folder.FullName, services: services);
            var cleared = await PluginCommandRunner.RunAsync(plugin, "services-demo", ["clear"], folder.FullName, services);
            var again = await PluginCommandRunner.RunAsync(plugin, "services-demo", ["clear"], folder.FullName, services);

            Assert.That(summary, Does.Contain("0 files and 0 folders"));
            Assert.That(cleared, Is.EqualTo("Forgot the cached summary."));
            Assert.That(again, Is.EqualTo("Nothing was cached."));
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
        var context = new TestPluginContext("show me isolation", Path.GetTempPath());

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
