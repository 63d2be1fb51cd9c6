using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Source-generated JSON for the OllamaSharp types PatCode sends and reads, handed to <c>OllamaApiClient</c>.
/// Without it OllamaSharp serializes by reflection, whose first use in a process emits and JIT-compiles accessors
/// on the way to every answer (~12 ms of an <c>ask</c> here). OllamaSharp then resolves types from this context
/// alone, so every request and response type of the calls PatCode makes (and the tool types a chat request
/// carries) must be listed. The chat request and the lines of the streamed answer are listed too, but written and
/// read by <see cref="ChatRequestConverter"/> and <see cref="ChatStreamLineConverter{T}"/>, which OllamaConnection
/// adds to OllamaSharp's options.
/// </summary>
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ListModelsResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponseStream))]
[JsonSerializable(typeof(ChatDoneResponseStream))]
[JsonSerializable(typeof(Message.ToolCall))]
[JsonSerializable(typeof(Message.Function), TypeInfoPropertyName = "MessageFunction")]
[JsonSerializable(typeof(Tool))]
[JsonSerializable(typeof(Function))]
[JsonSerializable(typeof(Parameters))]
[JsonSerializable(typeof(Property))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
