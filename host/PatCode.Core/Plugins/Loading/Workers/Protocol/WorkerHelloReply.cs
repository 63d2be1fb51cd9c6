using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>The handshake's answer: what the worker speaks.</summary>
internal sealed record WorkerHelloReply(int ProtocolVersion, string SdkVersion, int ProcessId) : IWireMessage<WorkerHelloReply>
{
    public static WorkerHelloReply Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        var protocolVersion = default(int);
        string? sdkVersion = null;
        var processId = default(int);
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "protocolVersion": protocolVersion = reader.GetInt32(); break;
                case "sdkVersion": sdkVersion = WireJson.ReadString(ref reader); break;
                case "processId": processId = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerHelloReply(protocolVersion, WireJson.Required(sdkVersion, "sdkVersion"), processId);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("protocolVersion", ProtocolVersion);
        WireJson.WriteOptional(writer, "sdkVersion", SdkVersion);
        writer.WriteNumber("processId", ProcessId);
        writer.WriteEndObject();
    }
}
