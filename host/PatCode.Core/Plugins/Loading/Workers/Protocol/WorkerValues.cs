using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// How loosely typed values (the context's Items, event metadata) cross to and from a worker: as JSON. Strings,
/// numbers and booleans come back as themselves (whole numbers as long, others as double); anything else
/// comes back as a <see cref="JsonElement"/>; what does not serialize does not cross.
/// </summary>
internal static class WorkerValues
{
    public static Dictionary<string, JsonElement>? ToWire<TValue>(IEnumerable<KeyValuePair<string, TValue>>? values)
    {
        if (values is null)
        {
            return null;
        }

        Dictionary<string, JsonElement>? wire = null;
        foreach (var (key, value) in values)
        {
            if (TryToWire(value, out var element))
            {
                (wire ??= new(StringComparer.Ordinal))[key] = element;
            }
        }

        return wire;
    }

    public static bool TryToWire(object? value, out JsonElement element)
    {
        try
        {
            element = value switch
            {
                null => JsonSerializer.SerializeToElement<string?>(null, WorkerJsonContext.Default.String),
                JsonElement json => json.Clone(),
                string s => JsonSerializer.SerializeToElement(s, WorkerJsonContext.Default.String),
                bool b => JsonSerializer.SerializeToElement(b, WorkerJsonContext.Default.Boolean),
                sbyte or byte or short or ushort or int or uint or long => JsonSerializer.SerializeToElement(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), WorkerJsonContext.Default.Int64),
                float or double or decimal or ulong => JsonSerializer.SerializeToElement(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), WorkerJsonContext.Default.Double),

                // Fresh options each time: a cached one would hold on to the type, and so to a plugin's load context.
#pragma warning disable CA1869
                _ => JsonSerializer.SerializeToElement(value, value.GetType(), new JsonSerializerOptions()),
#pragma warning restore CA1869
            };
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything may throw while a plugin's object is serialized (its getters are its code): it stays behind.
            element = default;
            return false;
        }
    }

    public static Dictionary<string, object?> FromWire(IReadOnlyDictionary<string, JsonElement>? wire)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, element) in wire ?? new Dictionary<string, JsonElement>())
        {
            values[key] = FromWire(element);
        }

        return values;
    }

    public static object? FromWire(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => element.GetDouble(),
        _ => element,
    };
}
