using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PatCode.Core.IO;

namespace PatCode.Core.Plugins.Trust;

/// <summary>
/// plugins.json: each plugin's enabled flag and trusted hash, its isolation choice, a fault that outlives the
/// run that caused it (with the recent crash times that add up to one), and for plugins installed from a feed,
/// the package they came from (<see cref="PluginProvenance"/>). Written atomically with mode 0600. Every
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
    private Dictionary<string, PluginProvenance> _packages = new(PluginName.Comparer);
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
    public void Update(string name, Func<PluginState?, PluginState> change) =>
        Change(file => file.States[name] = change(file.States.TryGetValue(name, out var current) ? current : null));

    public PluginProvenance? GetProvenance(string name) => _packages.TryGetValue(name, out var provenance) ? provenance : null;

    /// <summary>Records where a plugin's package came from, or forgets it (null) when the plugin no longer comes from a feed.</summary>
    public void SetProvenance(string name, PluginProvenance? provenance) => Change(file =>
    {
        if (provenance is null)
        {
            file.Packages.Remove(name);
        }
        else
        {
            file.Packages[name] = provenance;
        }
    });

    private void Change(Action<StateFile> change)
    {
        using (FileLock.Acquire(_path + ".lock", LockTimeout))
        {
            var file = Read();
            change(file);
            Save(file);
            (_states, _packages) = (file.States, file.Packages);
        }
    }

    /// <summary>Picks up changes another PatCode process made since this one last read or wrote the file.</summary>
    public void Refresh()
    {
        if (Stamp() != _stamp)
        {
            var file = Read();
            (_states, _packages) = (file.States, file.Packages);
        }
    }

    private (DateTime, long)? Stamp()
    {
        var file = new FileInfo(_path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
    }

    private StateFile Read()
    {
        var file = new StateFile(new(PluginName.Comparer), new(PluginName.Comparer));
        _stamp = Stamp();
        if (_stamp is null)
        {
            return file;
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

                if (file.States.ContainsKey(property.Name) || file.Packages.ContainsKey(property.Name))
                {
                    throw new FormatException($"plugin {property.Name} appears twice");
                }

                if (StateFromJson(property.Name, property.Value) is { } state)
                {
                    file.States[property.Name] = state;
                }

                if (property.Value.TryGetProperty("package", out var package))
                {
                    file.Packages[property.Name] = ProvenanceFromJson(property.Name, package);
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            file.States.Clear();
            file.Packages.Clear();
            MoveAside(e);
        }

        return file;
    }

    /// <summary>The user's choice about a plugin; <see langword="null"/> for an entry that only records its package (never enabled).</summary>
    private static PluginState? StateFromJson(string name, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the entry for {name} is not an object");
        }

        if (!node.TryGetProperty("enabled", out var enabled) && node.TryGetProperty("package", out _))
        {
            return null;
        }

        return new PluginState(
            enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? enabled.GetBoolean()
                : throw new FormatException($"the entry for {name} has no true or false \"enabled\""),
            OptionalString(node, "sha256", name),
            OptionalString(node, "folder", name))
        {
            Isolation = OptionalString(node, "isolation", name) is not { } isolation ? null
                : PluginIsolationNames.TryParse(isolation, out var mode) ? mode
                : throw new FormatException($"\"isolation\" of {name} is neither process nor in-process"),
            Fault = OptionalString(node, "faulted", name),
            Crashes = Crashes(node, name),
        };
    }

    private static List<DateTimeOffset> Crashes(JsonElement node, string name)
    {
        if (!node.TryGetProperty("crashes", out var crashes))
        {
            return [];
        }

        if (crashes.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"crashes\" of {name} is not a list");
        }

        return [.. crashes.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String && c.TryGetDateTimeOffset(out var at)
            ? at
            : throw new FormatException($"\"crashes\" of {name} holds something other than a time"))];
    }

    private static PluginProvenance ProvenanceFromJson(string name, JsonElement package) =>
        package.ValueKind != JsonValueKind.Object
            ? throw new FormatException($"\"package\" of {name} is not an object")
            : new PluginProvenance(
                OptionalString(package, "id", name) ?? throw new FormatException($"\"package\" of {name} has no \"id\""),
                OptionalString(package, "version", name) ?? throw new FormatException($"\"package\" of {name} has no \"version\""),
                OptionalString(package, "feed", name) ?? "",
                OptionalString(package, "sha512", name) ?? "",
                OptionalString(package, "signature", name) ?? "",
                OptionalString(package, "signer", name));

    private static JsonObject ProvenanceToJson(PluginProvenance provenance) => new()
    {
        ["id"] = provenance.PackageId,
        ["version"] = provenance.Version,
        ["feed"] = provenance.Feed,
        ["sha512"] = provenance.Sha512,
        ["signature"] = provenance.Signature,
        ["signer"] = provenance.Signer,
    };

    private static string? OptionalString(JsonElement node, string property, string name) =>
        !node.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"\"{property}\" of {name} is not a string");

    private static JsonObject StateToJson(PluginState? state)
    {
        var node = new JsonObject();
        if (state is null)
        {
            return node;
        }

        node["enabled"] = state.Enabled;
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
            node["crashes"] = new JsonArray([.. state.Crashes.Select(c => JsonValue.Create(c))]);
        }

        return node;
    }

    private void Save(StateFile file)
    {
        var plugins = new JsonObject();
        foreach (var name in file.States.Keys.Union(file.Packages.Keys, PluginName.Comparer).Order(PluginName.Comparer))
        {
            var node = StateToJson(file.States.GetValueOrDefault(name));
            if (file.Packages.TryGetValue(name, out var provenance))
            {
                node["package"] = ProvenanceToJson(provenance);
            }

            plugins[name] = node;
        }

        var document = new JsonObject { ["version"] = 1, ["plugins"] = plugins };
        AtomicFile.WriteAllText(_path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        _stamp = Stamp();
    }

    private void MoveAside(Exception e)
    {
        var reason = e.Message.Split('\n')[0].Trim();
        try
        {
            var aside = CorruptFile.MoveAside(_path, TimeProvider.System);
            Warning = $"{_path} could not be read ({reason}); it was moved to {aside} and plugins from your folders need enabling again";
        }
        catch (Exception moveError) when (moveError is IOException or UnauthorizedAccessException)
        {
            Warning = $"{_path} could not be read ({reason}) nor moved aside ({moveError.Message}); plugin choices will not be saved until it is fixed";
        }

        _stamp = Stamp();
        _logger.LogWarning(e, "Plugin state file {Path} is unreadable", _path);
    }

    /// <summary>What plugins.json holds: the user's choices and, apart from them, where feed-installed plugins came from.</summary>
    private sealed record StateFile(Dictionary<string, PluginState> States, Dictionary<string, PluginProvenance> Packages);
}
