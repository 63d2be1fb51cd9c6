using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>One of the plugin's commands, as <c>/help</c> lists it.</summary>
internal sealed record WorkerCommandInfo(string Name, string Help) : IWireMessage<WorkerCommandInfo>
{
    public static WorkerCommandInfo Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? name = null;
        string? help = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "name": name = WireJson.ReadString(ref reader); break;
                case "help": help = WireJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerCommandInfo(WireJson.Required(name, "name"), WireJson.Required(help, "help"));
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "name", Name);
        WireJson.WriteOptional(writer, "help", Help);
        writer.WriteEndObject();
    }
}
