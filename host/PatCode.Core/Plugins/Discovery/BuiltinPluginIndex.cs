using System.Text.Json;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// The built-ins' declarations, written when patcode is built or published (<see cref="FileName"/> in the
/// built-ins' folder), so that a scan does not load System.Reflection.Metadata and System.Collections.Immutable
/// (~40 JIT-compiled methods and over 1 MB resident a start) only to read three attributes that never change. An
/// entry counts only while its DLL has the size and modification time it had when the index was written; any
/// other DLL is read from its metadata as before. Only the built-ins' folder is indexed: it belongs to the install,
/// which is also why a built-in's folder is compared by sizes and times on reload rather than hashed.
/// </summary>
public sealed class BuiltinPluginIndex
{
    public const string FileName = "declarations.json";

    private const int Schema = 1;

    private static readonly BuiltinPluginIndex Empty = new("", []);

    private readonly string _root;
    private readonly Dictionary<string, (long Length, long Modified, PluginAssemblyInfo Info)> _entries;

    private BuiltinPluginIndex(string root, Dictionary<string, (long, long, PluginAssemblyInfo)> entries)
    {
        _root = root;
        _entries = entries;
    }

    /// <summary>
    /// Indexes every plugin folder under <paramref name="root"/> whose declarations read cleanly; a folder with a
    /// problem is left out, so the scan reads it and reports the problem as it would without an index.
    /// </summary>
    /// <returns>How many assemblies were indexed.</returns>
    public static int Write(string root)
    {
        using var buffer = new MemoryStream();
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteStartObject("assemblies");
            foreach (var plugin in PluginDiscovery.Discover([new PluginRoot(root, PluginSource.Builtin)], useIndex: false))
            {
                // A DLL declaring several plugins is one entry.
                if (plugin.Problem is null && plugin.AssemblyPath is { } path && indexed.Add(path))
                {
                    WriteEntry(json, root, path, PluginAssemblyReader.Read(path));
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        var target = Path.Combine(root, FileName);
        var temporary = target + ".tmp";
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, target, overwrite: true);
        return indexed.Count;
    }

    /// <summary>The index in <paramref name="root"/>; an empty one when there is none or it cannot be read.</summary>
    internal static BuiltinPluginIndex Load(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("schema", out var schema) || schema.GetInt32() != Schema)
            {
                return Empty;
            }

            var entries = new Dictionary<string, (long, long, PluginAssemblyInfo)>(StringComparer.Ordinal);
            foreach (var assembly in document.RootElement.GetProperty("assemblies").EnumerateObject())
            {
                var value = assembly.Value;
                entries[assembly.Name] = (value.GetProperty("length").GetInt64(), value.GetProperty("modified").GetInt64(), ReadInfo(value));
            }

            return new BuiltinPluginIndex(root, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException
                                   or KeyNotFoundException or FormatException or OverflowException or ArgumentException or PluginPackageException)
        {
            // Unreadable or not ours: the scan reads every DLL's metadata, as it does for any other folder.
            return Empty;
        }
    }

    /// <summary>What <paramref name="assemblyPath"/> declares, if the index holds it and the file is unchanged.</summary>
    internal PluginAssemblyInfo? Find(string assemblyPath)
    {
        if (_entries.Count == 0 || !_entries.TryGetValue(RelativePath(_root, assemblyPath), out var entry))
        {
            return null;
        }

        var file = new FileInfo(assemblyPath);
        return file.Exists && file.Length == entry.Length && file.LastWriteTimeUtc.Ticks == entry.Modified ? entry.Info : null;
    }

    private static void WriteEntry(Utf8JsonWriter json, string root, string path, PluginAssemblyInfo info)
    {
        var file = new FileInfo(path);
        json.WriteStartObject(RelativePath(root, path));
        json.WriteNumber("length", file.Length);
        json.WriteNumber("modified", file.LastWriteTimeUtc.Ticks);
        json.WriteString("assemblyName", info.AssemblyName);
        json.WriteString("sdkVersion", info.SdkVersion?.ToString());
        json.WriteStartArray("plugins");
        foreach (var plugin in info.Plugins)
        {
            var metadata = plugin.Metadata;
            json.WriteStartObject();
            json.WriteString("type", plugin.TypeName);
            json.WriteString("name", metadata.Name);
            json.WriteString("version", metadata.Version);
            json.WriteString("author", metadata.Author);
            json.WriteString("description", metadata.Description);
            json.WriteNumber("priority", (int)metadata.Priority);
            json.WriteBoolean("enabledByDefault", metadata.EnabledByDefault);
            json.WriteStartArray("dependencies");
            foreach (var dependency in metadata.Dependencies)
            {
                json.WriteStringValue(dependency);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static PluginAssemblyInfo ReadInfo(JsonElement value)
    {
        var plugins = new List<DeclaredPlugin>();
        foreach (var plugin in value.GetProperty("plugins").EnumerateArray())
        {
            var name = plugin.GetProperty("name").GetString() ?? "";
            if (PluginName.Validate(name) is { } badName)
            {
                throw new PluginPackageException($"[PatCodePlugin] name {badName}");
            }

            var priority = (PluginPriority)plugin.GetProperty("priority").GetInt32();
            var dependencies = new List<string>();
            foreach (var dependency in plugin.GetProperty("dependencies").EnumerateArray())
            {
                dependencies.Add(dependency.GetString() ?? throw new FormatException("a dependency is not a name"));
            }

            plugins.Add(new DeclaredPlugin(plugin.GetProperty("type").GetString() ?? "", new PluginMetadata(name)
            {
                Version = plugin.GetProperty("version").GetString() ?? "",
                Author = plugin.GetProperty("author").GetString() ?? "",
                Description = plugin.GetProperty("description").GetString() ?? "",
                Priority = Enum.IsDefined(priority) ? priority : throw new FormatException($"priority {(int)priority} is not a PluginPriority"),
                EnabledByDefault = plugin.GetProperty("enabledByDefault").GetBoolean(),
                Dependencies = dependencies,
            }));
        }

        var sdkVersion = value.GetProperty("sdkVersion").GetString();
        return new PluginAssemblyInfo(value.GetProperty("assemblyName").GetString() ?? "", sdkVersion is null ? null : Version.Parse(sdkVersion), plugins);
    }

    private static string RelativePath(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
