using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Commands;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Commands;

namespace PatCode.Packages.Tests.Support;

/// <summary>
/// A throw-away PatCode home and working directory with the real plugin host and the real <c>/plugins</c>
/// command wired to the feed commands, as the composition root wires them.
/// </summary>
internal sealed class FeedHome : IAsyncDisposable
{
    private FeedHome(string path, PluginHost host)
    {
        Path = path;
        Host = host;
        Command = new PluginsCommand(host, Plugins, feeds: () => new PluginFeedCommands(host, Plugins, WorkingDirectory, NullLoggerFactory.Instance));
    }

    public string Path { get; }

    public string Plugins => System.IO.Path.Combine(Path, "plugins");

    public string WorkingDirectory => System.IO.Path.Combine(Path, "work");

    public PluginHost Host { get; }

    public PluginsCommand Command { get; }

    public static FeedHome Create()
    {
        var path = Directory.CreateTempSubdirectory("patcode-feed-home-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(path, "work"));
        var options = new PluginHostOptions([new PluginRoot(System.IO.Path.Combine(path, "plugins"), PluginSource.User)], System.IO.Path.Combine(path, "plugins.json"));
        var host = new PluginHost(options, InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System), NullLoggerFactory.Instance);
        var home = new FeedHome(path, host);
        home.WriteNuGetConfig(); // No feeds of the machine's (nuget.org): the tests stay offline.
        return home;
    }

    /// <summary>Runs <c>/plugins …</c> as <c>patcode plugins …</c> does (not in the REPL).</summary>
    public async Task<(int ExitCode, RecordingOutput Output)> RunAsync(params string[] words)
    {
        var output = new RecordingOutput();
        var exit = await Command.ExecuteAsync(new CommandInvocation(words, output, InRepl: false), CancellationToken.None);
        return (exit, output);
    }

    public PluginEntry Entry(string name)
    {
        Host.Scan();
        return Host.Find(name) ?? throw new AssertionException($"no plugin {name} in {Plugins}");
    }

    /// <summary>A nuget.config in the working directory that lists only <paramref name="feeds"/> (by relative path where given so).</summary>
    public void WriteNuGetConfig(params string[] feeds)
    {
        var sources = string.Join("\n    ", feeds.Select((f, i) => $"""<add key="feed{i}" value="{f}"{(f.StartsWith("http:", StringComparison.Ordinal) ? " allowInsecureConnections=\"true\"" : "")} />"""));
        File.WriteAllText(System.IO.Path.Combine(WorkingDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                {sources}
              </packageSources>
            </configuration>
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Path, recursive: true);
    }
}
