using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.History;
using PatCode.Testing.Cli;
using PatCode.Testing.Ollama;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>An Ollama emulator and a private PATCODE_HOME and working directory for one run of the real patcode.</summary>
internal sealed class EndToEndWorld : IAsyncDisposable
{
    private EndToEndWorld(OllamaEmulator emulator, string root)
    {
        Emulator = emulator;
        Root = root;
        Home = Path.Combine(root, "home");
        WorkingDirectory = Path.Combine(root, "work");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingDirectory);
        Environment = new Dictionary<string, string>
        {
            ["PATCODE_HOME"] = Home,
            ["OLLAMA_HOST"] = emulator.BaseUri.Authority,
        };
    }

    public OllamaEmulator Emulator { get; }

    public string Root { get; }

    public string Home { get; }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Environment { get; }

    public static async Task<EndToEndWorld> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "patcode-e2e", Guid.NewGuid().ToString("N"));
        return new EndToEndWorld(await OllamaEmulator.StartAsync(), root);
    }

    public void InstallTrustedTestPlugin(string project)
    {
        var folder = Path.Combine(Root, "dev-plugins");
        Copy(Path.Combine(PatCodeProcess.TestPluginsDirectory, project), Path.Combine(folder, project));
        Environment["PATCODE_TRUSTED_PLUGINS_DIRS"] = folder;
    }

    public IReadOnlyList<HistoryEntry> History() =>
        new ChatHistoryStore(Path.Combine(Home, "history"), WorkingDirectory, NullLogger.Instance).Load();

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string source, string target)
    {
        if (!File.Exists(Path.Combine(source, "plugin.json")))
        {
            throw new InvalidOperationException($"Test plugin not built at {source}; build the test project first.");
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
