using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Run the plugin's unload hook within <paramref name="HookTimeoutMs"/>; the worker exits after.</summary>
internal sealed record WorkerUnloadRequest(int HookTimeoutMs) : IWireMessage<WorkerUnloadRequest>
{
    public static WorkerUnloadRequest Read(ref Utf8JsonReader reader)
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

        return new WorkerUnloadRequest(hookTimeoutMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("hookTimeoutMs", HookTimeoutMs);
        writer.WriteEndObject();
    }
}
