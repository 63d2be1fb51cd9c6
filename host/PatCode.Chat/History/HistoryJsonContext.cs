using System.Text.Json.Serialization;

namespace PatCode.Chat.History;

/// <summary>
/// Source-generated JSON for the history file: every <c>ask</c> saves two lines, and reflection-based JSON would
/// pay its first-use cost (emitted accessors, JIT) in every process for it.
/// </summary>
[JsonSerializable(typeof(HistoryEntry))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
