using System.Composition;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests;

/// <summary>
/// Each built-in, loaded from its plugin folder into a collectible context and run once on real input,
/// must let that context go when it is unloaded: no static state, handler or native handle may pin it.
/// </summary>
[NonParallelizable]
public sealed class PluginUnloadTests
{
    [TestCase("PatCode.Plugins.CodeExplainer", "explain this code\n```python\nprint(1)\n```")]
    [TestCase("PatCode.Plugins.GitHelper", "git status")]
    [TestCase("PatCode.Plugins.FileAnalyzer", "analyze the project")]
    public void Unload_AfterHandlingAMessage_ReleasesTheLoadContext(string project, string message)
    {
        using var repository = new TemporaryDirectory("patcode-unload");
        using (var git = GitTestRepository.Init(repository.Path))
        {
            GitTestRepository.Commit(git, "src/app.py", "print(1)\n", "First");
        }

        var (context, sectionCount) = LoadRunAndUnload(project, message, repository.Path);

        Assert.That(sectionCount, Is.EqualTo(1), "the plugin should have done its work before unloading");
        for (var attempt = 0; attempt < 20 && context.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(context.IsAlive, Is.False, $"{project}'s load context is still referenced after unloading");
    }

    // Synchronous on purpose: a completed async state machine of this test could itself keep the plugin alive,
    // and the question here is whether the plugin does.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Context, int Sections) LoadRunAndUnload(string project, string message, string workingDirectory)
    {
        var assemblyPath = Path.Combine(BuildInfo.BuiltinPluginsDirectory, project, project + ".dll");
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, isUnloadable: true, sharedTypes: [typeof(Plugin), typeof(ILogger), typeof(ExportAttribute)]);
        var assembly = loader.LoadDefaultAssembly();
        var weak = new WeakReference(AssemblyLoadContext.GetLoadContext(assembly));
        var plugin = (Plugin)Activator.CreateInstance(assembly.GetTypes().Single(t => typeof(Plugin).IsAssignableFrom(t)))!;
        var context = new TestPluginContext(message, workingDirectory);
        plugin.OnLoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        plugin.ExecuteAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        plugin.OnUnloadAsync(CancellationToken.None).GetAwaiter().GetResult();
        loader.Dispose();
        return (weak, context.Sections.Count);
    }
}
