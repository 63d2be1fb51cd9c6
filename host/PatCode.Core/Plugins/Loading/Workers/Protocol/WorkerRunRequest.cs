using System.Text.Json;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>One chain turn: the context as a snapshot, and the plugin's budget.</summary>
internal sealed record WorkerRunRequest(
    string Input,
    string WorkingDirectory,
    IReadOnlyList<ConversationMessage> Conversation,
    IReadOnlyList<ContextFile> Files,
    IReadOnlyList<ContextSection> Sections,
    IReadOnlyDictionary<string, JsonElement>? Items,
    int CanHandleDeadlineMs,
    int ExecuteTimeoutMs) : IWireMessage<WorkerRunRequest>
{
    public static WorkerRunRequest Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        string? input = null;
        string? workingDirectory = null;
        List<ConversationMessage>? conversation = null;
        List<ContextFile>? files = null;
        List<ContextSection>? sections = null;
        Dictionary<string, JsonElement>? items = null;
        var canHandleDeadlineMs = default(int);
        var executeTimeoutMs = default(int);
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "input": input = WireJson.ReadString(ref reader); break;
                case "workingDirectory": workingDirectory = WireJson.ReadString(ref reader); break;
                case "conversation": conversation = WireJson.ReadList(ref reader, WireJson.ReadConversationMessage); break;
                case "files": files = WireJson.ReadList(ref reader, WireJson.ReadContextFile); break;
                case "sections": sections = WireJson.ReadList(ref reader, WireJson.ReadContextSection); break;
                case "items": items = WireJson.ReadValues(ref reader); break;
                case "canHandleDeadlineMs": canHandleDeadlineMs = reader.GetInt32(); break;
                case "executeTimeoutMs": executeTimeoutMs = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerRunRequest(WireJson.Required(input, "input"), WireJson.Required(workingDirectory, "workingDirectory"), WireJson.Required(conversation, "conversation"), WireJson.Required(files, "files"), WireJson.Required(sections, "sections"), items, canHandleDeadlineMs, executeTimeoutMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WireJson.WriteOptional(writer, "input", Input);
        WireJson.WriteOptional(writer, "workingDirectory", WorkingDirectory);
        WireJson.WriteList(writer, "conversation", Conversation, WireJson.WriteConversationMessage);
        WireJson.WriteList(writer, "files", Files, WireJson.WriteContextFile);
        WireJson.WriteList(writer, "sections", Sections, WireJson.WriteContextSection);
        WireJson.WriteValues(writer, "items", Items);
        writer.WriteNumber("canHandleDeadlineMs", CanHandleDeadlineMs);
        writer.WriteNumber("executeTimeoutMs", ExecuteTimeoutMs);
        writer.WriteEndObject();
    }
}
