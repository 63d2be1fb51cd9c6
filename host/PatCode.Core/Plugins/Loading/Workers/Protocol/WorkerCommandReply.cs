using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>A command's text, or how it failed: <paramref name="TimedOut"/>, or <paramref name="Error"/> (the exception's type name).</summary>
internal sealed record WorkerCommandReply(string? Text, string? Error, bool TimedOut) : IWireMessage<WorkerCommandReply>
{
    public static WorkerCommandReply Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? text = null;
        string? error = null;
        var timedOut = default(bool);
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "text": text = WireJson.ReadString(ref reader); break;
                case "error": error = WireJson.ReadString(ref reader); break;
                case "timedOut": timedOut = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerCommandReply(text, error, timedOut);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "text", Text);
        WireJson.WriteOptional(writer, "error", Error);
        writer.WriteBoolean("timedOut", TimedOut);
        writer.WriteEndObject();
    }
}
