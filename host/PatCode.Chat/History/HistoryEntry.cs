using System.Text.Json.Serialization;

namespace PatCode.Chat.History;

/// <summary>One message of a saved conversation, one JSON line in the history file.</summary>
public sealed record HistoryEntry
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";

    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("content")]
    public required string Content { get; init; }

    [JsonPropertyName("at")]
    public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>Whether the answer was cut short (Ctrl+C, a timeout or an error mid-stream).</summary>
    [JsonPropertyName("cut")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Cut { get; init; }

    /// <summary>Why it was cut, in the words shown to the user.</summary>
    [JsonPropertyName("note")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}
