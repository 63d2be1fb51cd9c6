using System.Reflection;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Loading.Workers;

namespace PatCode.Core.Tests.Support;

/// <summary>A plugin host over temporary folders: a built-in root, a trusted development root, a user root and a state file.</summary>
internal sealed class PluginHostFixture : IAsyncDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public PluginHostFixture()
    {
        Directory.CreateDirectory(TrustedRoot);
        Directory.CreateDirectory(UserRoot);
        Directory.CreateDirectory(BuiltinRoot);
    }

    /// <summary>Plays the folder of plugins shipped beside the host.</summary>
    public string BuiltinRoot => _temp.Combine("builtin-plugins");

    public string TrustedRoot => _temp.Combine("dev-plugins");

    public string UserRoot => _temp.Combine("user-plugins");

    public string StateFile => _temp.Combine("plugins.json");

    public string Temp => _temp.Path;

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public CollectingLoggerFactory Logs { get; } = new();

    public PluginHost? Host { get; private set; }

    /// <summary>The worker the build put beside the worker project, for plugins that run out of process.</summary>
    public static string WorkerPath { get; } = typeof(PluginHostFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PluginWorkerPath").Value!;

    /// <param name="timeout">ExecuteAsync's budget; generous by default, as the test machine is shared and noisy.</param>
    /// <param name="pluginsEnabled">The global switch.</param>
    /// <param name="isolation">Where plugins from the user root run (the production default is a worker each).</param>
    /// <param name="canHandleDeadline">CanHandle's budget; generous by default, as the test machine is shared and noisy.</param>
    /// <param name="workers">Worker limits; the real worker is always the one started.</param>
    public PluginHost Create(TimeSpan? timeout = null, bool pluginsEnabled = true, PluginIsolation isolation = PluginIsolation.Process, TimeSpan? canHandleDeadline = null, WorkerOptions? workers = null)
    {
        var options = new PluginHostOptions(
            [new PluginRoot(BuiltinRoot, PluginSource.Builtin), new PluginRoot(TrustedRoot, PluginSource.Development), new PluginRoot(UserRoot, PluginSource.User)],
            StateFile)
        {
            ExecuteTimeout = timeout ?? TimeSpan.FromSeconds(15),
            CanHandleDeadline = canHandleDeadline ?? TimeSpan.FromSeconds(5),
            HookTimeout = TimeSpan.FromSeconds(2),
            PluginsEnabled = pluginsEnabled,
            DefaultIsolation = isolation,
            Workers = (workers ?? new WorkerOptions()) with { Executable = WorkerPath },
            IsReservedCommandName = name => name is "help" or "plugins",
        };
        Host = new PluginHost(options, InMemoryPluginServices.Create(Logs, TimeProvider.System), Logs);
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
