using System.Text.Json.Serialization;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Source-generated fast paths (writers only, no property metadata) for the parts of a chat request:
/// <see cref="ChatRequestConverter"/> writes the messages and options through them.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ChatRequest))]
internal sealed partial class ChatRequestJsonContext : JsonSerializerContext;
