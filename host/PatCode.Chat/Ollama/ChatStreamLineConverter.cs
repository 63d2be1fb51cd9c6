using System.Text.Json;
using System.Text.Json.Serialization;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Reads one line of a streamed chat answer (<see cref="ChatResponseStream"/>, or <see cref="ChatDoneResponseStream"/>
/// for the last) by hand, for the reason <see cref="ChatRequestConverter"/> gives: the metadata path JIT-compiles a
/// property description per value type (<c>long</c>, <c>int</c>, <c>bool</c>, <c>ChatRole?</c>) before the first
/// token can show. Unknown properties are skipped, as STJ does; the tests read a line with every property set and
/// compare it with STJ's reading.
/// </summary>
internal sealed class ChatStreamLineConverter<T> : JsonConverter<T>
    where T : ChatResponseStream, new()
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var line = new T();
            var done = line as ChatDoneResponseStream;
            while (NextProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "model": line.Model = reader.GetString()!; break;
                    case "created_at": line.CreatedAtString = reader.GetString(); break;
                    case "message": line.Message = ReadMessage(ref reader, options)!; break;
                    case "done": line.Done = reader.GetBoolean(); break;
                    case "total_duration" when done is not null: done.TotalDuration = reader.GetInt64(); break;
                    case "load_duration" when done is not null: done.LoadDuration = reader.GetInt64(); break;
                    case "prompt_eval_count" when done is not null: done.PromptEvalCount = reader.GetInt32(); break;
                    case "prompt_eval_duration" when done is not null: done.PromptEvalDuration = reader.GetInt64(); break;
                    case "eval_count" when done is not null: done.EvalCount = reader.GetInt32(); break;
                    case "eval_duration" when done is not null: done.EvalDuration = reader.GetInt64(); break;
                    case "done_reason" when done is not null: done.DoneReason = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }

            return line;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A value of the wrong type: fail as STJ would, with a JsonException.
            throw new JsonException($"The chat stream line does not fit {typeof(T).Name}: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        throw new NotSupportedException("PatCode reads chat answers; it never writes one.");

    private static Message? ReadMessage(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var message = new Message();
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "role": message.Role = reader.TokenType == JsonTokenType.Null ? default(ChatRole?) : new ChatRole(reader.GetString()!); break;
                case "content": message.Content = reader.GetString(); break;
                case "images": message.Images = ReadStrings(ref reader); break;
                case "thinking": message.Thinking = reader.GetString(); break;
                case "tool_name": message.ToolName = reader.GetString(); break;
                case "tool_calls": message.ToolCalls = JsonSerializer.Deserialize<IEnumerable<Message.ToolCall>>(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        return message;
    }

    private static string[]? ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.GetString()!);
        }

        return [.. items];
    }

    /// <summary>
    /// Moves to the next property of the object being read and onto its value, which the caller reads or skips;
    /// false at the object's end.
    /// </summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        Expect(ref reader, JsonTokenType.PropertyName);
        name = reader.GetString()!;
        reader.Read();
        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a chat stream line, found {reader.TokenType}.");
        }
    }
}
