using System.Text.Json;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Reads one item of a JSON array.</summary>
internal delegate T WireItemReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// The small vocabulary the worker messages' <c>Read</c> and <c>Write</c> share: property names in camelCase,
/// nulls left out, enums by name, lists, the loosely typed items, and the SDK's records that cross.
/// </summary>
internal static class WireJson
{
    /// <summary>Checks the reader is on the start of an object.</summary>
    public static void StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected an object, found {reader.TokenType}");
        }
    }

    /// <summary>Moves to the value of the object's next property and names it; false (on the object's end) when there is none.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString()!;
        Read(ref reader);
        return true;
    }

    /// <summary>A property the message cannot do without.</summary>
    public static T Required<T>(T? value, string name)
        where T : class =>
        value ?? throw new JsonException($"the message has no {name}");

    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetString();

    public static long? ReadNullableInt64(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64();

    /// <summary>An enum written by name, as System.Text.Json's string enum converter writes it.</summary>
    public static TEnum ReadEnum<TEnum>(ref Utf8JsonReader reader)
        where TEnum : struct, Enum
    {
        var name = reader.GetString();

        // The non-generic Enum.Parse: a generic one would be one more JIT-compiled instantiation per enum.
        return Enum.IsDefined(typeof(TEnum), name ?? "") ? (TEnum)Enum.Parse(typeof(TEnum), name!) : throw new JsonException($"'{name}' is not a {typeof(TEnum).Name}");
    }

    public static List<T> ReadList<T>(ref Utf8JsonReader reader, WireItemReader<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array, found {reader.TokenType}");
        }

        var list = new List<T>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return list;
            }

            list.Add(item(ref reader));
        }
    }

    public static void WriteList<T>(Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> item)
    {
        writer.WriteStartArray(name);
        foreach (var value in items)
        {
            item(writer, value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Items or event metadata: a JSON object of loose values, or null.</summary>
    public static Dictionary<string, JsonElement>? ReadValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        StartObject(ref reader);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var key))
        {
            values[key] = JsonElement.ParseValue(ref reader);
        }

        return values;
    }

    public static void WriteValues(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, JsonElement>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static ConversationMessage ReadConversationMessage(ref Utf8JsonReader reader)
    {
        StartObject(ref reader);
        var role = default(ConversationRole);
        string? content = null;
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "role": role = ReadEnum<ConversationRole>(ref reader); break;
                case "content": content = ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new ConversationMessage(role, Required(content, "content"));
    }

    public static void WriteConversationMessage(Utf8JsonWriter writer, ConversationMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.ToString());
        WriteOptional(writer, "content", message.Content);
        writer.WriteEndObject();
    }

    public static ContextFile ReadContextFile(ref Utf8JsonReader reader)
    {
        StartObject(ref reader);
        string? path = null;
        string? content = null;
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "path": path = ReadString(ref reader); break;
                case "content": content = ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new ContextFile(Required(path, "path"), Required(content, "content"));
    }

    public static void WriteContextFile(Utf8JsonWriter writer, ContextFile file)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "path", file.Path);
        WriteOptional(writer, "content", file.Content);
        writer.WriteEndObject();
    }

    public static ContextSection ReadContextSection(ref Utf8JsonReader reader)
    {
        StartObject(ref reader);
        string? plugin = null;
        string? title = null;
        string? content = null;
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "plugin": plugin = ReadString(ref reader); break;
                case "title": title = ReadString(ref reader); break;
                case "content": content = ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new ContextSection(Required(plugin, "plugin"), Required(title, "title"), Required(content, "content"));
    }

    public static void WriteContextSection(Utf8JsonWriter writer, ContextSection section)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "plugin", section.Plugin);
        WriteOptional(writer, "title", section.Title);
        WriteOptional(writer, "content", section.Content);
        writer.WriteEndObject();
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the message ends early");
        }
    }
}
