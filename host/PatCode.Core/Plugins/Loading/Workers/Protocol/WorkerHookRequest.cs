using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// <c>load</c>: finish loading the plugin the worker's command line names (it is composed while the channel
/// comes up): read its commands and run its load hook. <c>unload</c>: run its unload hook; the worker is ended
/// after. Either hook within <paramref name="HookTimeoutMs"/>.
/// </summary>
internal sealed record WorkerHookRequest(int HookTimeoutMs) : IWireMessage<WorkerHookRequest>
{
    public static WorkerHookRequest Read(ref Utf8JsonReader reader)
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

        return new WorkerHookRequest(hookTimeoutMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("hookTimeoutMs", HookTimeoutMs);
        writer.WriteEndObject();
    }
}
