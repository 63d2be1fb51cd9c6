using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Run the plugin's command <paramref name="Command"/> within <paramref name="TimeoutMs"/>.</summary>
internal sealed record WorkerCommandRequest(string Command, IReadOnlyList<string> Arguments, string WorkingDirectory, int TimeoutMs) : IWireMessage<WorkerCommandRequest>
{
    public static WorkerCommandRequest Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? command = null;
        List<string>? arguments = null;
        string? workingDirectory = null;
        var timeoutMs = default(int);
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "command": command = WireJson.ReadString(ref reader); break;
                case "arguments": arguments = WireJson.ReadList(ref reader, static (ref Utf8JsonReader r) => WireJson.Required(WireJson.ReadString(ref r), "argument")); break;
                case "workingDirectory": workingDirectory = WireJson.ReadString(ref reader); break;
                case "timeoutMs": timeoutMs = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerCommandRequest(WireJson.Required(command, "command"), WireJson.Required(arguments, "arguments"), WireJson.Required(workingDirectory, "workingDirectory"), timeoutMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "command", Command);
        WireJson.WriteList(writer, "arguments", Arguments, static (w, argument) => w.WriteStringValue(argument));
        WireJson.WriteOptional(writer, "workingDirectory", WorkingDirectory);
        writer.WriteNumber("timeoutMs", TimeoutMs);
        writer.WriteEndObject();
    }
}
