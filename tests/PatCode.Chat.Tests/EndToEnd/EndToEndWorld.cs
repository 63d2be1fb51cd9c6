using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.History;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>An Ollama emulator and a private PATCODE_HOME and working directory for one run of the real patcode.</summary>
internal sealed class EndToEndWorld : IAsyncDisposable
{
    private readonly TemporaryDirectory _root = new("patcode-e2e-");

    private EndToEndWorld(OllamaEmulator emulator)
    {
        Emulator = emulator;
        Home = _root.Combine("home");
        WorkingDirectory = _root.Combine("work");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingDirectory);
        Environment = new Dictionary<string, string>
        {
            ["PATCODE_HOME"] = Home,
            ["OLLAMA_HOST"] = emulator.BaseUri.Authority,
        };
    }

    public OllamaEmulator Emulator { get; }

    public string Root => _root.Path;

    public string Home { get; }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Environment { get; }

    public static async Task<EndToEndWorld> StartAsync()
    {
        return new EndToEndWorld(await OllamaEmulator.StartAsync());
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
        _root.Dispose();
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
