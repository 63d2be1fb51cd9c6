using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>A cache write from the plugin, into its partition of PatCode's cache.</summary>
internal sealed record WorkerCacheEntry(string Key, string Value, long? TimeToLiveMs) : IWireMessage<WorkerCacheEntry>
{
    public static WorkerCacheEntry Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? key = null;
        string? value = null;
        long? timeToLiveMs = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "key": key = WireJson.ReadString(ref reader); break;
                case "value": value = WireJson.ReadString(ref reader); break;
                case "timeToLiveMs": timeToLiveMs = WireJson.ReadNullableInt64(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerCacheEntry(WireJson.Required(key, "key"), WireJson.Required(value, "value"), timeToLiveMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "key", Key);
        WireJson.WriteOptional(writer, "value", Value);
        if (TimeToLiveMs is { } timeToLiveMs)
        {
            writer.WriteNumber("timeToLiveMs", timeToLiveMs);
        }

        writer.WriteEndObject();
    }
}
