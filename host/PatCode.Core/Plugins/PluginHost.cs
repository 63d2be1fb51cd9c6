using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Commands;
using PatCode.Core.Plugins.Crashes;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Plugins;

/// <summary>
/// Finds, verifies, loads, orders, reloads and unloads plugins, and keeps each one's status. Listing only
/// reads manifests and metadata; loading happens in <see cref="StartAsync"/> and on reconcile. Each plugin is
/// loaded from exactly the files that were checked, in process or in a worker of its own (its isolation);
/// workers start in parallel. All changes are serialised; the chain reads an immutable snapshot, so dispatch
/// takes no lock. Faults outlive the process: they are kept in the plugin state until the user enables the
/// plugin again.
/// </summary>
public sealed class PluginHost : IAsyncDisposable
{
    /// <summary>This many worker crashes within <see cref="CrashWindow"/> fault the plugin.</summary>
    public const int CrashesBeforeFault = 3;

    public static readonly TimeSpan CrashWindow = TimeSpan.FromMinutes(5);

    private readonly PluginHostOptions _options;
    private readonly IPluginServiceFactory _serviceFactory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly PluginStateStore _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, LoadedPlugin> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _loadedVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PluginImage> _images = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lastingLoads = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<string>> _loadNotes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _incompatible = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _startupWarnings = [];
    private IReadOnlyList<DiscoveredPlugin> _discovered = [];
    private IReadOnlyList<PluginEntry> _entries = [];

    // The folder hashes the last scan took to check trust, by folder; replaced whole by each scan, never changed.
    private volatile IReadOnlyDictionary<string, string> _scanHashes = new Dictionary<string, string>();
    private volatile LoadedPlugin[] _active = [];
    private bool _started;
    private bool _disposed;
    private InProcessCallMarker? _marker;
    private string? _socketFolder;
    private volatile IReadOnlyDictionary<string, PluginCommandRegistration> _commands = new Dictionary<string, PluginCommandRegistration>();

    public PluginHost(PluginHostOptions options, IPluginServiceFactory serviceFactory, ILoggerFactory loggerFactory)
    {
        _options = options;
        _serviceFactory = serviceFactory;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("PatCode.Plugins");
        _state = new PluginStateStore(options.StateFile, _logger);
        if (_state.Warning is { } warning)
        {
            _startupWarnings.Add(warning);
        }

        Chain = new PluginChain(() => _active, () => new ChainBudget(_options.CanHandleDeadline, _options.ExecuteTimeout), (plugin, reason) => Fault(plugin.Name, reason, plugin), _logger);
        FaultPluginsThatDiedWithTheirProcess();
    }

    /// <summary>Lines worth showing the user once at start-up: a corrupt plugins.json moved aside, a plugin that took PatCode down last time.</summary>
    public IReadOnlyList<string> StartupWarnings => _startupWarnings;

    /// <summary>Called with one line whenever a plugin is loaded, reloaded, unloaded or faulted in the background.</summary>
    public Action<string>? Notify { get; set; }

    public IPluginChain Chain { get; }

    public IReadOnlyList<PluginRoot> Roots => _options.Roots;

    /// <summary>Every known plugin with its status, as of the last scan.</summary>
    public IReadOnlyList<PluginEntry> Entries => _entries;

    /// <summary>The plugin commands the host accepted, by name.</summary>
    public IReadOnlyDictionary<string, PluginCommandRegistration> Commands => _commands;

    internal IReadOnlyList<LoadedPlugin> ActivePlugins => _active;

    private string RunFolder => _options.RunFolder;

    /// <summary>Scans the plugin folders and works out every status without loading anything.</summary>
    public IReadOnlyList<PluginEntry> Scan()
    {
        _state.Refresh(); // Another terminal may have enabled or disabled something.
        _discovered = PluginDiscovery.Discover(_options.Roots);
        var faults = new Dictionary<string, string>(_faults, StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in _discovered)
        {
            if (StateOf(plugin.Name)?.Fault is { } fault)
            {
                faults.TryAdd(plugin.Name, fault);
            }
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        _entries = [.. PluginStatusResolver.Resolve(_discovered, StateOf, _options.PluginsEnabled, faults, folder => hashes[folder] = PluginFolderHash.Compute(folder), _incompatible)
            .Select(e => e with { Isolation = IsolationOf(e.Name, e.Source) })];
        _scanHashes = hashes;
        StartupTrace.Mark($"plugins scanned ({_entries.Count})");
        return _entries;
    }

    /// <summary>Scans, then loads every plugin that should be active: workers start in parallel.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ReloadAsync(cancellationToken);
        _started = true; // From now on, loads and unloads are news worth a line in the REPL.
    }

    /// <summary>Rescans and brings the loaded set in line: loads new plugins, reloads changed ones, unloads removed ones.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReconcileAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public PluginDetails? Describe(string name)
    {
        var entry = Find(name);
        if (entry is null)
        {
            return null;
        }

        var discovered = _discovered.FirstOrDefault(d => d.Folder == entry.Folder && d.Name == entry.Name);
        var commands = _commands.Values.Where(c => c.Plugin == entry.Name).Select(c => $"/{c.Name}: {c.Help}").ToList();
        var runsAs = _loaded.TryGetValue(entry.Name, out var loaded) ? loaded.Invoker.Describe() : entry.Isolation.ToName();
        return new PluginDetails(entry, discovered?.AssemblyPath, discovered?.SdkVersion, commands, _notes.TryGetValue(entry.Name, out var notes) ? notes : [], runsAs);
    }

    /// <summary>The package a plugin was installed from, when it came from a NuGet feed.</summary>
    public PluginProvenance? ProvenanceOf(string name) => _state.GetProvenance(name);

    /// <summary>Records where a plugin's package came from, or forgets it (null) when it is reinstalled from a path or removed.</summary>
    public void RecordProvenance(string name, PluginProvenance? provenance)
    {
        _gate.Wait();
        try
        {
            _state.SetProvenance(name, provenance);
        }
        finally
        {
            _gate.Release();
        }
    }

    public PluginEntry? Find(string name) =>
        _entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && e.Status != PluginStatus.Invalid)
        ?? _entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Enables a plugin. For plugins from the user's folders this is the moment of trust: the SHA-256 of its
    /// files is recorded, and any later change makes it Untrusted again. A fault is forgiven.
    /// </summary>
    /// <returns>An error to show, or <see langword="null"/> when enabled.</returns>
    public Task<string?> EnableAsync(string name, bool load, CancellationToken cancellationToken = default) =>
        ChangePluginAsync<string?>(name, whenMissing: null, async entry =>
        {
            if (entry.Status is PluginStatus.Invalid or PluginStatus.Incompatible)
            {
                return $"{entry.Name} cannot be enabled: {entry.Reason}";
            }

            var trusted = entry.Source is PluginSource.User or PluginSource.Configured;
            UpdateState(entry.Name, entry.Source, state => state with
            {
                Enabled = true,
                TrustedHash = trusted ? PluginFolderHash.Compute(entry.Folder) : null,
                TrustedFolder = trusted ? entry.Folder : null,
                Fault = null,
                Crashes = [],
            });
            _faults.TryRemove(entry.Name, out _);
            await SettleAsync(load, cancellationToken);
            return null;
        }, cancellationToken);

    public Task<bool> DisableAsync(string name, bool unload, CancellationToken cancellationToken = default) =>
        ChangePluginAsync(name, whenMissing: false, async entry =>
        {
            UpdateState(entry.Name, entry.Source, state => state with { Enabled = false, TrustedHash = null, TrustedFolder = null });
            await SettleAsync(unload, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Sets where a plugin runs: in a worker of its own or in process. Kept in the plugin state with its trust;
    /// with <paramref name="reload"/> the plugin moves now (its worker is started or stopped).
    /// </summary>
    /// <returns>False when there is no such plugin.</returns>
    public Task<bool> SetIsolationAsync(string name, PluginIsolation isolation, bool reload, CancellationToken cancellationToken = default) =>
        ChangePluginAsync(name, whenMissing: false, async entry =>
        {
            UpdateState(entry.Name, entry.Source, state => state with { Isolation = isolation });
            await SettleAsync(reload, cancellationToken);
            return true;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _gate.WaitAsync();
        try
        {
            _active = [];
            await Task.WhenAll(_loaded.Values.ToList().Select(p => p.Invoker.UnloadAsync(_options.HookTimeout)));
            _loaded.Clear();
            foreach (var image in _images.Values)
            {
                image.Dispose();
            }

            _images.Clear();
            _commands = new Dictionary<string, PluginCommandRegistration>();
            if (_marker is not null)
            {
                FatalBlame.Forget(_marker);
                _marker.Dispose();
            }

            if (_socketFolder is not null)
            {
                TryDeleteFolder(_socketFolder);
            }
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    /// <summary>Runs a change to one plugin under the host's gate, on a fresh scan of the folders.</summary>
    private async Task<T> ChangePluginAsync<T>(string name, T whenMissing, Func<PluginEntry, Task<T>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Scan();
            return Find(name) is { } entry ? await change(entry) : whenMissing;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SettleAsync(bool load, CancellationToken cancellationToken)
    {
        if (load)
        {
            await ReconcileAsync(cancellationToken);
        }
        else
        {
            Scan();
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        // Each pass may fault a plugin, which can cost its dependents theirs; a pass with no new fault is final.
        for (var pass = 0; pass < 50; pass++)
        {
            Scan();
            var wanted = PluginStatusResolver.RunOrder(_entries);
            var wantedByName = wanted.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

            foreach (var (name, plugin) in _loaded.ToList())
            {
                var stale = !wantedByName.TryGetValue(name, out var entry)
                    || entry.Folder != plugin.Source.Folder
                    || entry.Isolation != plugin.Isolation
                    || FolderVersion(entry) != _loadedVersions[name];
                if (stale)
                {
                    await UnloadAsync(name, plugin, wantedByName.ContainsKey(name) ? "reloading" : "unloaded");
                }
            }

            // Workers start in parallel, each on its own; in-process plugins load one by one meanwhile. The
            // outcomes are looked at below, in run order.
            var missing = wanted.Where(e => !_loaded.ContainsKey(e.Name)).ToList();
            var loads = missing.Where(e => e.Isolation == PluginIsolation.Process)
                .ToDictionary(e => e.Name, e => Task.Run(() => LoadAsync(e, cancellationToken), cancellationToken), StringComparer.OrdinalIgnoreCase);
            foreach (var entry in missing.Where(e => e.Isolation == PluginIsolation.InProcess))
            {
                var load = LoadAsync(entry, cancellationToken);
                await Task.WhenAny(load); // waits without throwing
                loads[entry.Name] = load;
            }

            var newFault = false;
            foreach (var entry in missing)
            {
                var load = loads[entry.Name];
                try
                {
                    var (loaded, version, image) = await load;
                    _loaded[entry.Name] = loaded;
                    _loadedVersions[entry.Name] = version;
                    _images[entry.Name] = image;
                    _loadNotes[entry.Name] = image.Warnings;
                    foreach (var warning in image.Warnings)
                    {
                        _logger.LogWarning("Plugin {Plugin}: {Warning}", entry.Name, warning);
                        Notify?.Invoke($"plugin {entry.Name}: {warning}");
                    }

                    // The loads every start makes are routine: a Debug line, so a healthy `ask` logs nothing and never
                    // opens the log (its first line cost ~35 ms of the start). A load later in the session is news.
                    _logger.Log(_started ? LogLevel.Information : LogLevel.Debug, "Loaded plugin {Plugin} {Version} from {Folder} ({Isolation})", entry.Name, entry.Version, entry.Folder, loaded.Invoker.Describe());
                    if (_started)
                    {
                        Notify?.Invoke($"plugin {entry.Name} {entry.Version} loaded");
                    }
                }
                catch (PluginUntrustedException e)
                {
                    // Changed between the scan and the load: the next pass's scan shows it Untrusted.
                    _logger.LogWarning("Plugin {Plugin} was not loaded: {Reason}", entry.Name, e.Message);
                    newFault = true;
                }
                catch (WorkerIncompatibleException e)
                {
                    _logger.LogError("Plugin {Plugin} cannot run in a worker: {Reason}", entry.Name, e.Message);
                    _incompatible[entry.Name] = e.Message;
                    Notify?.Invoke($"plugin {entry.Name} is Incompatible: {e.Message}");
                    newFault = true;
                }
                catch (PluginLoadException e)
                {
                    _logger.LogError(e.InnerException ?? e, "Plugin {Plugin} failed to load: {Reason}", entry.Name, e.Message);
                    _faults[entry.Name] = e.Message;
                    Notify?.Invoke($"plugin {entry.Name} failed to load: {e.Message}");
                    newFault = true;
                }
            }

            if (!newFault)
            {
                Publish(wanted);
                return;
            }
        }
    }

    /// <summary>Loads one plugin from a verified image, in process or in a new worker.</summary>
    private async Task<(LoadedPlugin Plugin, string FolderVersion, PluginImage Image)> LoadAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        StartupTrace.Mark($"plugin {entry.Name}: loading ({entry.Isolation.ToName()})");
        var discovered = _discovered.First(d => d.Folder == entry.Folder && d.Name == entry.Name);
        var version = FolderVersion(entry);
        var trustedHash = entry.Source is PluginSource.User or PluginSource.Configured ? StateOf(entry.Name)?.TrustedHash : null;
        var marker = EnsureMarker();
        PluginImage image;
        try
        {
            image = PluginImage.Prepare(discovered, trustedHash, Path.ChangeExtension(marker?.Path ?? Path.Combine(RunFolder, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)), CrashRecords.ImagesExtension));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"its files could not be read to load them ({e.Message})", e);
        }

        try
        {
            PluginInvoker invoker = entry.Isolation == PluginIsolation.InProcess
                ? await PluginActivator.LoadAsync(entry.Name, image.AssemblyPath, collectible: !IsLastingLoad(entry), _serviceFactory, _loggerFactory, _options.HookTimeout, marker, cancellationToken)
                : await StartWorkerAsync(entry.Name, image.AssemblyPath, cancellationToken);
            StartupTrace.Mark($"plugin {entry.Name}: loaded");
            return (new LoadedPlugin(discovered, invoker), version, image);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A built-in's first load in this process is not collectible, so its ReadyToRun code runs: built-ins ship with
    /// the host and are rarely unloaded. Should one be reloaded or re-enabled, that and later loads are collectible
    /// (the first context stays in memory, one per built-in at most).
    /// </summary>
    private bool IsLastingLoad(PluginEntry entry) => entry.Source == PluginSource.Builtin && _lastingLoads.Add(entry.Name);

    private async Task<WorkerInvoker> StartWorkerAsync(string name, string assemblyPath, CancellationToken cancellationToken)
    {
        var pluginLogger = _loggerFactory.CreateLogger(name);
        var minimum = Enum.GetValues<LogLevel>().FirstOrDefault(pluginLogger.IsEnabled, LogLevel.None);
        string socketFolder;
        try
        {
            socketFolder = EnsureSocketFolder();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"its worker could not be started: no private folder for its socket ({e.Message})", e);
        }

        var services = _serviceFactory.CreateFor(name);
        var launch = new WorkerLaunch(name, _options.Workers, socketFolder, Environment.CurrentDirectory, pluginLogger, new WorkerHostCallbacks(services, pluginLogger, _logger), (int)minimum);
        return await WorkerInvoker.StartAsync(launch, assemblyPath, _options.HookTimeout, services, _logger, cause => RecordCrash(name, cause), line => Notify?.Invoke(line), cancellationToken);
    }

    private async Task UnloadAsync(string name, LoadedPlugin plugin, string why)
    {
        _active = [.. _active.Where(p => p != plugin)];
        _loaded.Remove(name);
        _loadedVersions.Remove(name);
        await plugin.Invoker.UnloadAsync(_options.HookTimeout);
        if (_images.Remove(name, out var image))
        {
            image.Dispose();
        }

        _logger.LogInformation("Plugin {Plugin} {Why}", name, why);
        if (_started)
        {
            Notify?.Invoke($"plugin {name} {why}");
        }
    }

    private void Publish(IReadOnlyList<PluginEntry> order)
    {
        _active = [.. order.Select(e => _loaded[e.Name])];
        var commands = new Dictionary<string, PluginCommandRegistration>(StringComparer.OrdinalIgnoreCase);
        _notes.Clear();
        foreach (var plugin in _active)
        {
            foreach (var warning in _loadNotes.GetValueOrDefault(plugin.Name) ?? [])
            {
                Note(plugin.Name, warning);
            }

            if (plugin.Invoker.CommandsError is { } error)
            {
                Note(plugin.Name, error);
            }

            foreach (var command in plugin.Invoker.Commands)
            {
                if (_options.IsReservedCommandName(command.Name))
                {
                    Note(plugin.Name, $"command /{command.Name} refused: PatCode has its own /{command.Name}");
                }
                else if (commands.TryGetValue(command.Name, out var taken))
                {
                    Note(plugin.Name, $"command /{command.Name} refused: plugin {taken.Plugin} already provides it");
                }
                else
                {
                    commands[command.Name] = new PluginCommandRegistration(plugin.Name, command.Name, command.Help) { Invoker = plugin.Invoker };
                }
            }
        }

        _commands = commands;
    }

    private void Note(string plugin, string note)
    {
        if (!_notes.TryGetValue(plugin, out var notes))
        {
            _notes[plugin] = notes = [];
        }

        notes.Add(note);
        _logger.LogWarning("Plugin {Plugin}: {Note}", plugin, note);
    }

    /// <summary>
    /// What a loaded plugin's folder is compared with to notice a change on reload. A built-in's folder belongs to
    /// the install and no trust is pinned to it, so its files' sizes and times suffice (hashing the built-ins' 7 MB,
    /// libgit2 mostly, held up every start); any other plugin's folder is hashed, once per scan: a trusted plugin's
    /// hash is the one its trust check just took.
    /// </summary>
    private string FolderVersion(PluginEntry entry)
    {
        try
        {
            return entry.Source == PluginSource.Builtin ? PluginFolderHash.Stamp(entry.Folder)
                : _scanHashes.TryGetValue(entry.Folder, out var hash) ? hash
                : PluginFolderHash.Compute(entry.Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private PluginState? StateOf(string name)
    {
        lock (_state)
        {
            return _state.Get(name);
        }
    }

    /// <summary>Changes one plugin's state; one without state yet starts from what its folder implies.</summary>
    private void UpdateState(string name, PluginSource source, Func<PluginState, PluginState> change)
    {
        lock (_state)
        {
            var metadata = _discovered.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))?.Metadata;

            // From the user's folders, enabled-without-a-hash still reads Untrusted; a trusted folder's plugin keeps its default.
            var initial = new PluginState(source is PluginSource.User or PluginSource.Configured || (metadata?.EnabledByDefault ?? true));
            _state.Update(name, current => change(current ?? initial));
        }
    }

    private PluginIsolation IsolationOf(string name, PluginSource source) =>
        StateOf(name)?.Isolation ?? (source is PluginSource.User or PluginSource.Configured ? _options.DefaultIsolation : PluginIsolation.InProcess);

    /// <summary>Faults a plugin for good (until enabled again): skipped from the next message on, unloaded in the background, and remembered in the state.</summary>
    private string Fault(string name, string reason, LoadedPlugin? plugin = null)
    {
        plugin ??= _active.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (plugin is not null)
        {
            plugin.Fault = reason;
        }

        _faults[name] = reason;
        var source = _discovered.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))?.Root.Source ?? PluginSource.User;
        UpdateState(name, source, state => state with { Fault = reason, Crashes = [] });
        _logger.LogWarning("Plugin {Plugin} is now Faulted: {Reason}", name, reason);
        _active = [.. _active.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))];
        _ = Task.Run(async () =>
        {
            try
            {
                await _gate.WaitAsync();
            }
            catch (ObjectDisposedException)
            {
                return; // The host is shutting down and unloads everything anyway.
            }

            try
            {
                await ReconcileAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Unloading faulted plugin {Plugin} failed", name);
            }
            finally
            {
                _gate.Release();
            }
        });
        return reason;
    }

    /// <summary>Counts a worker crash; the third within <see cref="CrashWindow"/> (across runs of PatCode) faults the plugin.</summary>
    private string? RecordCrash(string name, string cause)
    {
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<DateTimeOffset> recent;
        lock (_state)
        {
            recent = [.. (StateOf(name)?.Crashes ?? []).Where(c => now - c < CrashWindow), now];
            if (recent.Count < CrashesBeforeFault)
            {
                var source = _discovered.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))?.Root.Source ?? PluginSource.User;
                UpdateState(name, source, state => state with { Crashes = recent });
                return null;
            }
        }

        return Fault(name, $"its worker crashed {recent.Count} times within {CrashWindow.TotalMinutes:0} minutes (last: {cause})");
    }

    /// <summary>An earlier PatCode died while an in-process plugin's code ran (or was caught ending it): that plugin is Faulted, not loaded again.</summary>
    private void FaultPluginsThatDiedWithTheirProcess()
    {
        IReadOnlyList<InProcessCrash> crashes;
        try
        {
            crashes = CrashRecords.Collect(RunFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not read what earlier runs left in {Folder}", RunFolder);
            return;
        }

        foreach (var crash in crashes.DistinctBy(c => c.Plugin, StringComparer.OrdinalIgnoreCase))
        {
            lock (_state)
            {
                _state.Update(crash.Plugin, current => (current ?? new PluginState(true)) with { Fault = crash.Reason });
            }

            _logger.LogError("Plugin {Plugin} is Faulted: {Reason}", crash.Plugin, crash.Reason);
            _startupWarnings.Add($"plugin {crash.Plugin} is Faulted: {crash.Reason}. /plugins enable {crash.Plugin} to try it again, or /plugins isolate {crash.Plugin} process to keep it from taking PatCode down.");
        }
    }

    private InProcessCallMarker? EnsureMarker()
    {
        lock (_startupWarnings)
        {
            if (_marker is null)
            {
                _marker = InProcessCallMarker.Create(RunFolder);
                if (_marker is not null)
                {
                    FatalBlame.Watch(_marker);
                }
            }

            return _marker;
        }
    }

    private string EnsureSocketFolder()
    {
        lock (_startupWarnings)
        {
            // Short and private: Unix socket paths are limited to about 100 bytes, and only this user may connect.
            return _socketFolder ??= Directory.CreateTempSubdirectory("patcode-").FullName;
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder; the system cleans it eventually.
        }
    }
}
