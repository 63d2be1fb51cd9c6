using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// Finish loading the plugin the worker's command line names (it is composed while the channel comes up): read
/// its commands and run its load hook within <paramref name="HookTimeoutMs"/>.
/// </summary>
internal sealed record WorkerLoadRequest(int HookTimeoutMs) : IWireMessage<WorkerLoadRequest>
{
    public static WorkerLoadRequest Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        var hookTimeoutMs = default(int);
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "hookTimeoutMs": hookTimeoutMs = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerLoadRequest(hookTimeoutMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("hookTimeoutMs", HookTimeoutMs);
        writer.WriteEndObject();
    }
}
