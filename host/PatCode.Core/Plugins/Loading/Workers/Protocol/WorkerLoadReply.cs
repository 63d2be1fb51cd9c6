using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>The plugin's commands once loaded, or why it could not be (<paramref name="Error"/>, as a load failure reads).</summary>
internal sealed record WorkerLoadReply(string? Error, IReadOnlyList<WorkerCommandInfo> Commands, string? CommandsError) : IWireMessage<WorkerLoadReply>
{
    public static WorkerLoadReply Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? error = null;
        List<WorkerCommandInfo>? commands = null;
        string? commandsError = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "error": error = WireJson.ReadString(ref reader); break;
                case "commands": commands = WireJson.ReadList(ref reader, WorkerCommandInfo.Read); break;
                case "commandsError": commandsError = WireJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerLoadReply(error, WireJson.Required(commands, "commands"), commandsError);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "error", Error);
        WireJson.WriteList(writer, "commands", Commands, static (w, item) => item.Write(w));
        WireJson.WriteOptional(writer, "commandsError", CommandsError);
        writer.WriteEndObject();
    }
}
