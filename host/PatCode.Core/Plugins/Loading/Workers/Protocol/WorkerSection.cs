using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>A section the plugin added during a turn; PatCode attributes it to the plugin.</summary>
internal sealed record WorkerSection(string Title, string Content) : IWireMessage<WorkerSection>
{
    public static WorkerSection Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? title = null;
        string? content = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "title": title = WireJson.ReadString(ref reader); break;
                case "content": content = WireJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerSection(WireJson.Required(title, "title"), WireJson.Required(content, "content"));
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "title", Title);
        WireJson.WriteOptional(writer, "content", Content);
        writer.WriteEndObject();
    }
}
