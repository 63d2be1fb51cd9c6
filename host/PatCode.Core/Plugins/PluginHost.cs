using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins;

/// <summary>
/// Finds, verifies, loads, orders, reloads and unloads plugins, and keeps each one's status. Listing only
/// reads manifests and metadata; loading happens in <see cref="StartAsync"/> and on reconcile. All changes
/// are serialised; the chain reads an immutable snapshot, so dispatch takes no lock.
/// </summary>
public sealed class PluginHost : IAsyncDisposable
{
    private readonly PluginHostOptions _options;
    private readonly IPluginServiceFactory _serviceFactory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly PluginStateStore _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, LoadedPlugin> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _loadedHashes = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<DiscoveredPlugin> _discovered = [];
    private IReadOnlyList<PluginEntry> _entries = [];
    private volatile LoadedPlugin[] _active = [];
    private bool _started;
    private volatile IReadOnlyDictionary<string, PluginCommandRegistration> _commands = new Dictionary<string, PluginCommandRegistration>();

    public PluginHost(PluginHostOptions options, IPluginServiceFactory serviceFactory, ILoggerFactory loggerFactory)
    {
        _options = options;
        _serviceFactory = serviceFactory;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("PatCode.Plugins");
        _state = new PluginStateStore(options.StateFile, _logger);
        Chain = new PluginChain(() => _active, () => _options.ExecuteTimeout, OnPluginFailedRepeatedly, _logger);
    }

    /// <summary>Messages worth showing the user once, such as a corrupt plugins.json having been moved aside.</summary>
    public string? StartupWarning => _state.Warning;

    /// <summary>Called with one line whenever a plugin is loaded, reloaded, unloaded or faulted in the background.</summary>
    public Action<string>? Notify { get; set; }

    public IPluginChain Chain { get; }

    public IReadOnlyList<PluginRoot> Roots => _options.Roots;

    /// <summary>Every known plugin with its status, as of the last scan.</summary>
    public IReadOnlyList<PluginEntry> Entries => _entries;

    /// <summary>The plugin commands the host accepted, by name.</summary>
    public IReadOnlyDictionary<string, PluginCommandRegistration> Commands => _commands;

    internal IReadOnlyList<LoadedPlugin> ActivePlugins => _active;

    /// <summary>Scans the plugin folders and works out every status without loading anything.</summary>
    public IReadOnlyList<PluginEntry> Scan()
    {
        _state.Refresh(); // Another terminal may have enabled or disabled something.
        _discovered = PluginDiscovery.Discover(_options.Roots);
        _entries = PluginStatusResolver.Resolve(_discovered, _state.Get, _options.PluginsEnabled, _faults, PluginFolderHash.Compute);
        return _entries;
    }

    /// <summary>Scans, then loads every plugin that should be active.</summary>
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
        var commands = _commands.Values.Where(c => c.Plugin == entry.Name).Select(c => $"/{c.Command.Name}: {c.Command.Help}").ToList();
        return new PluginDetails(entry, discovered?.AssemblyPath, discovered?.SdkVersion, commands, _notes.TryGetValue(entry.Name, out var notes) ? notes : []);
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
    /// files is recorded, and any later change makes it Untrusted again.
    /// </summary>
    /// <returns>An error to show, or <see langword="null"/> when enabled.</returns>
    public async Task<string?> EnableAsync(string name, bool load, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Scan();
            var entry = Find(name);
            if (entry is null)
            {
                return null;
            }

            if (entry.Status is PluginStatus.Invalid or PluginStatus.Incompatible)
            {
                return $"{entry.Name} cannot be enabled: {entry.Reason}";
            }

            var trusted = entry.Source is PluginSource.User or PluginSource.Configured;
            _state.Set(entry.Name, new PluginState(true, trusted ? PluginFolderHash.Compute(entry.Folder) : null, trusted ? entry.Folder : null));
            _faults.TryRemove(entry.Name, out _);
            if (load)
            {
                await ReconcileAsync(cancellationToken);
            }
            else
            {
                Scan();
            }

            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DisableAsync(string name, bool unload, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Scan();
            var entry = Find(name);
            if (entry is null)
            {
                return false;
            }

            _state.Set(entry.Name, new PluginState(false, null, null));
            if (unload)
            {
                await ReconcileAsync(cancellationToken);
            }
            else
            {
                Scan();
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _active = [];
            foreach (var plugin in _loaded.Values.ToList())
            {
                await PluginActivator.UnloadAsync(plugin, _options.HookTimeout, _logger);
            }

            _loaded.Clear();
            _commands = new Dictionary<string, PluginCommandRegistration>();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
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
                    || CurrentHash(entry.Folder) != _loadedHashes[name];
                if (stale)
                {
                    await UnloadAsync(name, plugin, wantedByName.ContainsKey(name) ? "reloading" : "unloaded");
                }
            }

            var newFault = false;
            foreach (var entry in wanted)
            {
                if (_loaded.ContainsKey(entry.Name))
                {
                    continue;
                }

                var discovered = _discovered.First(d => d.Folder == entry.Folder && d.Name == entry.Name);
                try
                {
                    var hash = CurrentHash(entry.Folder);
                    var loaded = await PluginActivator.LoadAsync(discovered, _serviceFactory, _loggerFactory, _options.HookTimeout, cancellationToken);
                    _loaded[entry.Name] = loaded;
                    _loadedHashes[entry.Name] = hash;
                    _logger.LogInformation("Loaded plugin {Plugin} {Version} from {Folder}", entry.Name, entry.Version, entry.Folder);
                    if (_started)
                    {
                        Notify?.Invoke($"plugin {entry.Name} {entry.Version} loaded");
                    }
                }
                catch (PluginLoadException e)
                {
                    _logger.LogError(e.InnerException ?? e, "Plugin {Plugin} failed to load: {Reason}", entry.Name, e.Message);
                    _faults[entry.Name] = e.Message;
                    Notify?.Invoke($"plugin {entry.Name} failed to load: {e.Message}");
                    newFault = true;
                    break;
                }
            }

            if (!newFault)
            {
                Publish(wanted);
                return;
            }
        }
    }

    private async Task UnloadAsync(string name, LoadedPlugin plugin, string why)
    {
        _active = [.. _active.Where(p => p != plugin)];
        _loaded.Remove(name);
        _loadedHashes.Remove(name);
        await PluginActivator.UnloadAsync(plugin, _options.HookTimeout, _logger);
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
            IReadOnlyList<Sdk.PluginCommand> declared;
            try
            {
                declared = plugin.Instance.Commands;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Plugin {Plugin} threw while listing its commands", plugin.Name);
                Note(plugin.Name, $"its commands could not be read ({e.GetType().Name})");
                continue;
            }

            foreach (var command in declared)
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
                    commands[command.Name] = new PluginCommandRegistration(plugin.Name, command, plugin.Services, plugin.Logger);
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

    private static string CurrentHash(string folder)
    {
        try
        {
            return PluginFolderHash.Compute(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private void OnPluginFailedRepeatedly(LoadedPlugin plugin, string reason)
    {
        // Skip it from the next message on, then unload it in the background.
        _faults[plugin.Name] = reason;
        _active = [.. _active.Where(p => p != plugin)];
        Notify?.Invoke($"plugin {plugin.Name} is now Faulted: {reason}");
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
                _logger.LogError(e, "Unloading faulted plugin {Plugin} failed", plugin.Name);
            }
            finally
            {
                _gate.Release();
            }
        });
    }
}
