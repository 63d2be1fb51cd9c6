using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>One log line from the worker: the plugin's own (<paramref name="Category"/> is its name) or the worker's about the plugin.</summary>
internal sealed record WorkerLogEntry(string Category, int Level, string Message, string? Exception) : IWireMessage<WorkerLogEntry>
{
    public static WorkerLogEntry Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? category = null;
        var level = default(int);
        string? message = null;
        string? exception = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "category": category = WireJson.ReadString(ref reader); break;
                case "level": level = reader.GetInt32(); break;
                case "message": message = WireJson.ReadString(ref reader); break;
                case "exception": exception = WireJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerLogEntry(WireJson.Required(category, "category"), level, WireJson.Required(message, "message"), exception);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "category", Category);
        writer.WriteNumber("level", Level);
        WireJson.WriteOptional(writer, "message", Message);
        WireJson.WriteOptional(writer, "exception", Exception);
        writer.WriteEndObject();
    }
}
