using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core;
using PatCode.Core.Commands;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Commands;

namespace PatCode.Chat.Tests.Support;

/// <summary>An emulator, a private PATCODE home and working directory, a recording chain and captured output for one test.</summary>
internal sealed class ChatTestBed : IAsyncDisposable
{
    private readonly List<ChatHost> _hosts = [];
    private readonly TemporaryDirectory _root = new("patcode-chat-tests-");

    private ChatTestBed(OllamaEmulator emulator)
    {
        Emulator = emulator;
        Paths = new PatCodePaths(_root.Combine("home"));
        WorkingDirectory = _root.Combine("work");
        Directory.CreateDirectory(WorkingDirectory);
    }

    public OllamaEmulator Emulator { get; }

    public string Root => _root.Path;

    public PatCodePaths Paths { get; }

    public string WorkingDirectory { get; }

    public RecordingChain Chain { get; } = new();

    public RecordingOutput Output { get; } = new();

    public static async Task<ChatTestBed> StartAsync(IEnumerable<EmulatedModel>? models = null)
    {
        return new ChatTestBed(await OllamaEmulator.StartAsync(models));
    }

    public ChatSettings Settings(Func<ChatSettings, ChatSettings>? tweak = null)
    {
        var settings = new ChatSettings
        {
            OllamaUri = Emulator.BaseUri,
            Model = "llama3.2",
            Timeout = TimeSpan.FromSeconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        return tweak is null ? settings : tweak(settings);
    }

    public ChatHost CreateHost(Func<ChatSettings, ChatSettings>? tweak = null, bool resume = false, RecordingOutput? output = null, Func<TextReader>? stdin = null)
    {
        var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = Settings(tweak),
            Chain = Chain,
            Output = output ?? Output,
            Paths = Paths,
            WorkingDirectory = WorkingDirectory,
            Continue = resume,
            StandardInput = stdin ?? (() => TextReader.Null),
            IsInputRedirected = () => stdin is not null,
        });
        _hosts.Add(host);
        return host;
    }

    /// <summary>The dispatcher as the host builds it: /help and /quit, then the chat's commands (no plugins here).</summary>
    public CommandRouter CreateRouter(ChatHost host)
    {
        var router = CommandRouter.WithHelpAndQuit(() => new Dictionary<string, PluginCommandRegistration>(), WorkingDirectory, NullLogger.Instance);
        foreach (var command in host.Commands)
        {
            router.Add(command);
        }

        return router;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        await Emulator.DisposeAsync();
        _root.Dispose();
    }
}
