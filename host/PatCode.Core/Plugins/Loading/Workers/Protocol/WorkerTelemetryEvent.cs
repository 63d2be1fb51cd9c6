using System.Text.Json;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

internal sealed record WorkerTelemetryEvent(string Name, TelemetryLevel Level, IReadOnlyDictionary<string, JsonElement>? Metadata) : IWireMessage<WorkerTelemetryEvent>
{
    public static WorkerTelemetryEvent Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? name = null;
        var level = default(TelemetryLevel);
        Dictionary<string, JsonElement>? metadata = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "name": name = WireJson.ReadString(ref reader); break;
                case "level": level = WireJson.ReadEnum<TelemetryLevel>(ref reader); break;
                case "metadata": metadata = WireJson.ReadValues(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerTelemetryEvent(WireJson.Required(name, "name"), level, metadata);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "name", Name);
        writer.WriteString("level", Level.ToString());
        WireJson.WriteValues(writer, "metadata", Metadata);
        writer.WriteEndObject();
    }
}
