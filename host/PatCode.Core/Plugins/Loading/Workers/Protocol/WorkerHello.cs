using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>The handshake: what the host speaks, sent first.</summary>
internal sealed record WorkerHello(int ProtocolVersion, string SdkVersion) : IWireMessage<WorkerHello>
{
    public static WorkerHello Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        var protocolVersion = default(int);
        string? sdkVersion = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "protocolVersion": protocolVersion = reader.GetInt32(); break;
                case "sdkVersion": sdkVersion = WireJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerHello(protocolVersion, WireJson.Required(sdkVersion, "sdkVersion"));
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("protocolVersion", ProtocolVersion);
        WireJson.WriteOptional(writer, "sdkVersion", SdkVersion);
        writer.WriteEndObject();
    }
}
