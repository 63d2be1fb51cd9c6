using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PatCode.Core.IO;

namespace PatCode.Core.Plugins;

/// <summary>
/// plugins.json: each plugin's enabled flag and trusted hash. Written atomically with mode 0600. Every
/// change is a read-modify-write under a lock file, so two PatCode processes (a REPL and a
/// <c>patcode plugins disable</c> in another terminal) never undo each other's choices. A file that is not
/// exactly what PatCode writes (bad JSON, a duplicate key, a wrong type, a name that is not a plugin name)
/// is moved aside, so nothing is lost, and PatCode starts as if it were empty, which at worst makes user
/// plugins Untrusted until enabled again.
/// </summary>
internal sealed class PluginStateStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly ILogger _logger;
    private Dictionary<string, PluginState> _states = new(PluginName.Comparer);
    private (DateTime Written, long Length)? _stamp;

    public PluginStateStore(string path, ILogger logger)
    {
        _path = path;
        _logger = logger;
        Refresh();
    }

    /// <summary>Set when the file was unreadable and moved aside; the host shows it once.</summary>
    public string? Warning { get; private set; }

    public PluginState? Get(string name) => _states.TryGetValue(name, out var state) ? state : null;

    public void Set(string name, PluginState state) => Update(name, _ => state);

    /// <summary>Changes one plugin's state, starting from what is on disk now rather than what this process last saw.</summary>
    public void Update(string name, Func<PluginState?, PluginState> change)
    {
        using (FileLock.Acquire(_path + ".lock", LockTimeout))
        {
            var states = Read();
            states[name] = change(states.TryGetValue(name, out var current) ? current : null);
            Save(states);
            _states = states;
        }
    }

    /// <summary>Picks up changes another PatCode process made since this one last read or wrote the file.</summary>
    public void Refresh()
    {
        if (Stamp() != _stamp)
        {
            _states = Read();
        }
    }

    private (DateTime, long)? Stamp()
    {
        var file = new FileInfo(_path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
    }

    private Dictionary<string, PluginState> Read()
    {
        var states = new Dictionary<string, PluginState>(PluginName.Comparer);
        _stamp = Stamp();
        if (_stamp is null)
        {
            return states;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_path), new JsonDocumentOptions { AllowDuplicateProperties = false });
            var plugins = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("plugins", out var p) && p.ValueKind == JsonValueKind.Object
                ? p
                : throw new FormatException("it has no \"plugins\" object");
            foreach (var property in plugins.EnumerateObject())
            {
                if (PluginName.Validate(property.Name) is { } badName)
                {
                    throw new FormatException(badName);
                }

                if (!states.TryAdd(property.Name, FromJson(property.Name, property.Value)))
                {
                    throw new FormatException($"plugin {property.Name} appears twice");
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            states.Clear();
            MoveAside(e);
        }

        return states;
    }

    private static PluginState FromJson(string name, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the entry for {name} is not an object");
        }

        return new PluginState(
            node.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? enabled.GetBoolean()
                : throw new FormatException($"the entry for {name} has no true or false \"enabled\""),
            OptionalString(node, "sha256", name),
            OptionalString(node, "folder", name));
    }

    private static string? OptionalString(JsonElement node, string property, string name) =>
        !node.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"\"{property}\" of {name} is not a string");

    private static JsonObject ToJson(PluginState state)
    {
        var node = new JsonObject { ["enabled"] = state.Enabled };
        if (state.TrustedHash is not null)
        {
            node["sha256"] = state.TrustedHash;
            node["folder"] = state.TrustedFolder;
        }

        return node;
    }

    private void Save(Dictionary<string, PluginState> states)
    {
        var plugins = new JsonObject();
        foreach (var (name, state) in states.OrderBy(s => s.Key, PluginName.Comparer))
        {
            plugins[name] = ToJson(state);
        }

        var document = new JsonObject { ["version"] = 1, ["plugins"] = plugins };
        AtomicFile.WriteAllText(_path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        _stamp = Stamp();
    }

    private void MoveAside(Exception e)
    {
        var reason = e.Message.Split('\n')[0].Trim();
        var aside = $"{_path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        try
        {
            File.Move(_path, aside);
            Warning = $"{_path} could not be read ({reason}); it was moved to {aside} and plugins from your folders need enabling again";
        }
        catch (Exception moveError) when (moveError is IOException or UnauthorizedAccessException)
        {
            Warning = $"{_path} could not be read ({reason}) nor moved aside ({moveError.Message}); plugin choices will not be saved until it is fixed";
        }

        _stamp = Stamp();
        _logger.LogWarning(e, "Plugin state file {Path} is unreadable", _path);
    }
}
