using PatCode.Core.Plugins;
using PatCode.Core.Services;

namespace PatCode.Core.Tests.Support;

/// <summary>A plugin host over temporary folders: a trusted development root, a user root and a state file.</summary>
internal sealed class PluginHostFixture : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    public PluginHostFixture()
    {
        Directory.CreateDirectory(TrustedRoot);
        Directory.CreateDirectory(UserRoot);
    }

    public string TrustedRoot => _temp.Combine("dev-plugins");

    public string UserRoot => _temp.Combine("user-plugins");

    public string StateFile => _temp.Combine("plugins.json");

    public string Temp => _temp.Path;

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public CollectingLoggerFactory Logs { get; } = new();

    public PluginHost? Host { get; private set; }

    public PluginHost Create(TimeSpan? timeout = null, bool pluginsEnabled = true)
    {
        var options = new PluginHostOptions(
            [new PluginRoot(TrustedRoot, PluginSource.Development), new PluginRoot(UserRoot, PluginSource.User)],
            StateFile)
        {
            ExecuteTimeout = timeout ?? TimeSpan.FromSeconds(2),
            HookTimeout = TimeSpan.FromSeconds(2),
            PluginsEnabled = pluginsEnabled,
            IsReservedCommandName = name => name is "help" or "plugins",
        };
        Host = new PluginHost(options, DefaultPluginServiceFactory.InMemory(Logs, TimeProvider.System), Logs);
        return Host;
    }

    public static ChainRequest Request(string input) => new(input, Environment.CurrentDirectory, [], []);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        _temp.Dispose();
    }
}
