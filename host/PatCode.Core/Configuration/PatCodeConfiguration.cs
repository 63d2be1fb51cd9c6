using System.Globalization;
using System.Text.Json;

namespace PatCode.Core.Configuration;

/// <summary>
/// The effective configuration: defaults, then <c>config.json</c>, then environment variables, then
/// command-line flags, each later source overriding the earlier ones. Every value remembers its origin so
/// <c>patcode config</c> can show it and an error can name it.
/// </summary>
public sealed class PatCodeConfiguration
{
    private readonly Dictionary<string, ConfigValue> _values;

    private PatCodeConfiguration(Dictionary<string, ConfigValue> values) => _values = values;

    public IEnumerable<ConfigValue> All => _values.Values.OrderBy(v => v.Key.Name, StringComparer.Ordinal);

    /// <summary>
    /// Loads and validates the configuration.
    /// </summary>
    /// <param name="keys">Every known key.</param>
    /// <param name="configFile">Path of config.json; a missing file is fine.</param>
    /// <param name="environment">Environment variables.</param>
    /// <param name="flags">Values given on the command line, by key name.</param>
    /// <exception cref="ConfigurationException">The file is unreadable or a value is invalid.</exception>
    public static PatCodeConfiguration Load(
        IEnumerable<ConfigKey> keys,
        string configFile,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyDictionary<string, string> flags)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            values[key.Name] = new ConfigValue(key, key.DefaultValue, ConfigSource.Default, "default");
        }

        foreach (var (name, value) in ReadFile(configFile))
        {
            // Unknown keys are kept out rather than rejected, so an older PatCode can read a newer file.
            if (values.TryGetValue(name, out var current))
            {
                values[name] = Checked(current.Key, value, ConfigSource.File, configFile);
            }
        }

        foreach (var current in values.Values.ToList())
        {
            foreach (var variable in current.Key.EnvironmentVariables)
            {
                if (environment.TryGetValue(variable, out var value) && !string.IsNullOrEmpty(value))
                {
                    values[current.Key.Name] = Checked(current.Key, value, ConfigSource.Environment, $"env {variable}");
                    break;
                }
            }
        }

        foreach (var (name, value) in flags)
        {
            if (values.TryGetValue(name, out var current))
            {
                values[name] = Checked(current.Key, value, ConfigSource.CommandLine, current.Key.Flag ?? $"--{name}");
            }
        }

        return new PatCodeConfiguration(values);
    }

    /// <summary>A configuration holding only defaults plus <paramref name="overrides"/>; for tests and benchmarks.</summary>
    public static PatCodeConfiguration FromValues(IEnumerable<ConfigKey> keys, IReadOnlyDictionary<string, string>? overrides = null) =>
        Load(keys, configFile: "", new Dictionary<string, string?>(), overrides ?? new Dictionary<string, string>());

    public ConfigValue Describe(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Unknown configuration key '{key}'.");

    public string? Get(string key) => Describe(key).Value;

    public string GetRequired(string key) => Get(key) ?? throw new ConfigurationException($"Configuration key '{key}' has no value.");

    public bool GetBoolean(string key) => ConfigBooleans.TryParse(GetRequired(key), out var b) && b;

    public long GetInt64(string key) => long.Parse(GetRequired(key), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public int GetInt32(string key) => checked((int)GetInt64(key));

    public double GetDouble(string key) => double.Parse(GetRequired(key), NumberStyles.Float, CultureInfo.InvariantCulture);

    public TimeSpan GetSeconds(string key) => TimeSpan.FromSeconds(GetDouble(key));

    /// <summary>A list value: JSON arrays in config.json, or entries separated by the platform's path separator.</summary>
    public IReadOnlyList<string> GetList(string key) =>
        (Get(key) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ConfigValue Checked(ConfigKey key, string value, ConfigSource source, string origin)
    {
        var problem = key.Validate(value);
        if (problem is not null)
        {
            // Validators quote the value; a password in it is shown as *** like everywhere else.
            var shown = key.Display(value);
            throw new ConfigurationException($"Invalid value for '{key.Name}' from {origin}: {(shown == value ? problem : problem.Replace(value, shown, StringComparison.Ordinal))}.");
        }

        return new ConfigValue(key, value, source, origin);
    }

    private static List<KeyValuePair<string, string>> ReadFile(string path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{path} must hold a JSON object: fix it or delete it to use the defaults.");
            }

            var result = new List<KeyValuePair<string, string>>();
            Flatten(document.RootElement, prefix: "", result);
            return result;
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path} is not valid JSON (line {e.LineNumber + 1}): fix it or delete it to use the defaults.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"Cannot read {path}: {e.Message}", e);
        }
    }

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, name, into);
                    break;
                case JsonValueKind.Array:
                    into.Add(new(name, string.Join(Path.PathSeparator, property.Value.EnumerateArray().Select(ScalarText))));
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    into.Add(new(name, ScalarText(property.Value)));
                    break;
            }
        }
    }

    private static string ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
