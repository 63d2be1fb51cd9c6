using System.Text.Json;
using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// How the turn went (a <see cref="PluginRunOutcome"/>), the sections the plugin added, and the items as they
/// stand after it (those that serialize).
/// </summary>
internal sealed record WorkerRunReply(
    PluginRunOutcome Outcome,
    string? Error,
    bool Stop,
    IReadOnlyList<WorkerSection> Sections,
    IReadOnlyDictionary<string, JsonElement>? Items) : IWireMessage<WorkerRunReply>
{
    public static WorkerRunReply Read(ref Utf8JsonReader reader)
    {
        WireJson.StartObject(ref reader);
        var outcome = default(PluginRunOutcome);
        string? error = null;
        var stop = default(bool);
        List<WorkerSection>? sections = null;
        Dictionary<string, JsonElement>? items = null;
        while (WireJson.NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "outcome": outcome = WireJson.ReadEnum<PluginRunOutcome>(ref reader); break;
                case "error": error = WireJson.ReadString(ref reader); break;
                case "stop": stop = reader.GetBoolean(); break;
                case "sections": sections = WireJson.ReadList(ref reader, WorkerSection.Read); break;
                case "items": items = WireJson.ReadValues(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WorkerRunReply(outcome, error, stop, WireJson.Required(sections, "sections"), items);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("outcome", Outcome.ToString());
        WireJson.WriteOptional(writer, "error", Error);
        writer.WriteBoolean("stop", Stop);
        WireJson.WriteList(writer, "sections", Sections, static (w, item) => item.Write(w));
        WireJson.WriteValues(writer, "items", Items);
        writer.WriteEndObject();
    }
}
