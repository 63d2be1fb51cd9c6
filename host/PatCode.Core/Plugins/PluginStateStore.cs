using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PatCode.Core.IO;

namespace PatCode.Core.Plugins;

/// <summary>
/// plugins.json: each plugin's enabled flag and trusted hash, its isolation choice, and a fault that outlives
/// the run that caused it (with the recent crash times that add up to one). Written atomically with mode 0600. A corrupt
/// file is moved aside (so nothing is lost) and PatCode starts as if it were empty, which at worst makes
/// user plugins Untrusted until enabled again.
/// </summary>
internal sealed class PluginStateStore
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PluginState> _states = new(StringComparer.OrdinalIgnoreCase);

    public PluginStateStore(string path, ILogger logger)
    {
        _path = path;
        _logger = logger;
        Load();
    }

    /// <summary>Set when the file was unreadable and moved aside; the host shows it once.</summary>
    public string? Warning { get; private set; }

    public PluginState? Get(string name) => _states.TryGetValue(name, out var state) ? state : null;

    public void Set(string name, PluginState state)
    {
        _states[name] = state;
        Save();
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        try
        {
            var root = JsonNode.Parse(File.ReadAllText(_path))?["plugins"]?.AsObject()
                ?? throw new JsonException("no \"plugins\" object");
            foreach (var (name, node) in root)
            {
                if (node is null)
                {
                    continue;
                }

                _states[name] = new PluginState(
                    node["enabled"]?.GetValue<bool>() ?? false,
                    node["sha256"]?.GetValue<string>(),
                    node["folder"]?.GetValue<string>())
                {
                    Isolation = PluginIsolationNames.TryParse(node["isolation"]?.GetValue<string>(), out var isolation) ? isolation : null,
                    Fault = node["faulted"]?.GetValue<string>(),
                    Crashes = node["crashes"]?.AsArray().Select(c => DateTimeOffset.Parse(c!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [],
                };
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            _states.Clear();
            var aside = $"{_path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            try
            {
                File.Move(_path, aside);
                Warning = $"{_path} could not be read ({e.Message}); it was moved to {aside} and plugins from your folders need enabling again";
            }
            catch (IOException moveError)
            {
                Warning = $"{_path} could not be read ({e.Message}) nor moved aside ({moveError.Message}); plugin choices will not be saved until it is fixed";
            }

            _logger.LogWarning(e, "Plugin state file {Path} is unreadable", _path);
        }
    }

    private void Save()
    {
        var plugins = new JsonObject();
        foreach (var (name, state) in _states.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var node = new JsonObject { ["enabled"] = state.Enabled };
            if (state.TrustedHash is not null)
            {
                node["sha256"] = state.TrustedHash;
                node["folder"] = state.TrustedFolder;
            }

            if (state.Isolation is { } isolation)
            {
                node["isolation"] = isolation.ToName();
            }

            if (state.Fault is not null)
            {
                node["faulted"] = state.Fault;
            }

            if (state.Crashes.Count > 0)
            {
                node["crashes"] = new JsonArray([.. state.Crashes.Select(c => JsonValue.Create(c.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))]);
            }

            plugins[name] = node;
        }

        var document = new JsonObject { ["version"] = 1, ["plugins"] = plugins };
        AtomicFile.WriteAllText(_path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
