using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PatCode.Caching.Chat;

/// <summary>Turns a Microsoft.Extensions.AI call into the cache's request, or says it cannot be cached.</summary>
internal static class ChatCacheRequestMapper
{
    /// <summary>The Ollama option that sets the context length; OllamaSharp reads it from <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string ContextLengthOption = "num_ctx";

    /// <summary>The request, or <see langword="null"/> with a reason when the call must bypass the cache.</summary>
    public static ChatCacheRequest? TryMap(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, out string? reason)
    {
        var model = options?.ModelId ?? defaultModel;
        if (string.IsNullOrEmpty(model))
        {
            reason = "no model name";
            return null;
        }

        if (options?.Tools is { Count: > 0 })
        {
            // Tool calls run code whose results the cache cannot see.
            reason = "tools are offered";
            return null;
        }

        var mapped = new List<CacheMessage>();
        foreach (var message in messages)
        {
            if (message.Contents.Any(c => c is not TextContent))
            {
                reason = "a message holds more than text";
                return null;
            }

            mapped.Add(new CacheMessage(message.Role.Value, message.Text));
        }

        reason = null;
        return new ChatCacheRequest
        {
            Model = model,
            Messages = mapped,
            Temperature = options?.Temperature,
            Seed = options?.Seed,
            ContextLength = ContextLength(options),
            Format = Format(options?.ResponseFormat),
        };
    }

    private static int? ContextLength(ChatOptions? options)
    {
        if (options?.AdditionalProperties is null || !options.AdditionalProperties.TryGetValue(ContextLengthOption, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            int i => i,
            long l => checked((int)l),
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
            _ => int.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        };
    }

    private static string? Format(ChatResponseFormat? format) => format switch
    {
        null or ChatResponseFormatText => null,
        ChatResponseFormatJson { Schema: { } schema } => "json:" + schema.GetRawText(),
        ChatResponseFormatJson => "json",
        _ => format.GetType().Name,
    };
}
