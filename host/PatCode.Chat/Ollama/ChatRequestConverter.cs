using System.Text.Json;
using System.Text.Json.Serialization;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Writes OllamaSharp's <see cref="ChatRequest"/> as its source-generated metadata would, property for property and
/// in the same order, with the messages and options through <see cref="ChatRequestJsonContext"/>'s fast paths.
/// Why: the metadata path builds a generic property description per value type (<c>float?</c>, <c>int?</c>,
/// <c>bool?</c>, <c>ThinkValue?</c>, …), which a ReadyToRun image cannot hold; JIT-compiling them sat between the
/// question and its request. The tests compare the output with STJ's own for a request with every property set.
/// </summary>
internal sealed class ChatRequestConverter : JsonConverter<ChatRequest>
{
    public override ChatRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("PatCode sends chat requests; it never reads one.");

    public override void Write(Utf8JsonWriter writer, ChatRequest value, JsonSerializerOptions options)
    {
        var parts = ChatRequestJsonContext.Default;
        writer.WriteStartObject();
        writer.WriteString("model", value.Model);
        writer.WritePropertyName("messages");
        JsonSerializer.Serialize(writer, value.Messages, parts.IEnumerableMessage);
        if (value.Options is not null)
        {
            writer.WritePropertyName("options");
            JsonSerializer.Serialize(writer, value.Options, parts.RequestOptions);
        }

        if (value.Template is not null)
        {
            writer.WriteString("template", value.Template);
        }

        if (value.KeepAlive is not null)
        {
            writer.WriteString("keep_alive", value.KeepAlive);
        }

        if (value.Format is not null)
        {
            // An object-typed property is written as its run-time type, as STJ's own object converter does.
            writer.WritePropertyName("format");
            JsonSerializer.Serialize(writer, value.Format, value.Format.GetType(), options);
        }

        writer.WriteBoolean("stream", value.Stream);
        if (value.Think is { } think)
        {
            writer.WritePropertyName("think");
            JsonSerializer.Serialize(writer, think, parts.ThinkValue);
        }

        if (value.Tools is not null)
        {
            writer.WritePropertyName("tools");
            JsonSerializer.Serialize(writer, value.Tools, options);
        }

        // OllamaSharp's base request class has no [JsonIgnore] on its headers, so they have always gone on the wire.
        writer.WritePropertyName("CustomHeaders");
        JsonSerializer.Serialize(writer, value.CustomHeaders, parts.DictionaryStringString);
        writer.WriteEndObject();
    }
}
