using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PatCode.Core.IO;

namespace PatCode.Core.Plugins;

/// <summary>
/// plugins.json: each plugin's enabled flag and trusted hash, and for plugins installed from a feed, the package
/// they came from (<see cref="PluginProvenance"/>). Written atomically with mode 0600. A corrupt
/// file is moved aside (so nothing is lost) and PatCode starts as if it were empty, which at worst makes
/// user plugins Untrusted until enabled again.
/// </summary>
internal sealed class PluginStateStore
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PluginState> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PluginProvenance> _provenance = new(StringComparer.OrdinalIgnoreCase);

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

    public PluginProvenance? GetProvenance(string name) => _provenance.TryGetValue(name, out var provenance) ? provenance : null;

    /// <summary>Records where a plugin's package came from, or forgets it (null) when the plugin no longer comes from a feed.</summary>
    public void SetProvenance(string name, PluginProvenance? provenance)
    {
        var changed = provenance is null ? _provenance.Remove(name) : !_provenance.TryGetValue(name, out var known) || known != provenance;
        if (!changed)
        {
            return;
        }

        if (provenance is not null)
        {
            _provenance[name] = provenance;
        }

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

                if (node["enabled"] is not null)
                {
                    _states[name] = new PluginState(
                        node["enabled"]!.GetValue<bool>(),
                        node["sha256"]?.GetValue<string>(),
                        node["folder"]?.GetValue<string>());
                }

                if (node["package"] is JsonObject package)
                {
                    _provenance[name] = ReadProvenance(package);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            _states.Clear();
            _provenance.Clear();
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
        foreach (var name in _states.Keys.Union(_provenance.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var node = new JsonObject();
            if (_states.TryGetValue(name, out var state))
            {
                node["enabled"] = state.Enabled;
                if (state.TrustedHash is not null)
                {
                    node["sha256"] = state.TrustedHash;
                    node["folder"] = state.TrustedFolder;
                }
            }

            if (_provenance.TryGetValue(name, out var provenance))
            {
                node["package"] = WriteProvenance(provenance);
            }

            plugins[name] = node;
        }

        var document = new JsonObject { ["version"] = 1, ["plugins"] = plugins };
        AtomicFile.WriteAllText(_path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static PluginProvenance ReadProvenance(JsonObject package) => new(
        package["id"]?.GetValue<string>() ?? throw new JsonException("a \"package\" without \"id\""),
        package["version"]?.GetValue<string>() ?? throw new JsonException("a \"package\" without \"version\""),
        package["feed"]?.GetValue<string>() ?? "",
        package["sha512"]?.GetValue<string>() ?? "",
        package["signature"]?.GetValue<string>() ?? "",
        package["signer"]?.GetValue<string>());

    private static JsonObject WriteProvenance(PluginProvenance provenance) => new()
    {
        ["id"] = provenance.PackageId,
        ["version"] = provenance.Version,
        ["feed"] = provenance.Feed,
        ["sha512"] = provenance.Sha512,
        ["signature"] = provenance.Signature,
        ["signer"] = provenance.Signer,
    };
}
