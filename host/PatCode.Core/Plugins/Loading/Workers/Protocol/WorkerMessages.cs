using System.Text.Json;
using PatCode.Core.Plugins.Chain;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>The handshake: what the host speaks, sent first.</summary>
internal sealed record WorkerHello(int ProtocolVersion, string SdkVersion);

/// <summary>The handshake's answer: what the worker speaks.</summary>
internal sealed record WorkerHelloReply(int ProtocolVersion, string SdkVersion, int ProcessId);

/// <summary>
/// Finish loading the plugin the worker's command line names (it is composed while the channel comes up): read
/// its commands and run its load hook within <paramref name="HookTimeoutMs"/>.
/// </summary>
internal sealed record WorkerLoadRequest(int HookTimeoutMs);

/// <summary>The plugin's commands once loaded, or why it could not be (<paramref name="Error"/>, as a load failure reads).</summary>
internal sealed record WorkerLoadReply(string? Error, IReadOnlyList<WorkerCommandInfo> Commands, string? CommandsError);

internal sealed record WorkerCommandInfo(string Name, string Help);

/// <summary>One chain turn: the context as a snapshot, and the plugin's budget.</summary>
internal sealed record WorkerRunRequest(
    string Input,
    string WorkingDirectory,
    IReadOnlyList<ConversationMessage> Conversation,
    IReadOnlyList<ContextFile> Files,
    IReadOnlyList<ContextSection> Sections,
    IReadOnlyDictionary<string, JsonElement>? Items,
    int CanHandleDeadlineMs,
    int ExecuteTimeoutMs);

/// <summary>
/// How the turn went (a <see cref="PluginRunOutcome"/>), the sections the plugin added, and the items as they
/// stand after it (those that serialize).
/// </summary>
internal sealed record WorkerRunReply(
    PluginRunOutcome Outcome,
    string? Error,
    bool Stop,
    IReadOnlyList<WorkerSection> Sections,
    IReadOnlyDictionary<string, JsonElement>? Items);

internal sealed record WorkerSection(string Title, string Content);

internal sealed record WorkerCommandRequest(string Command, IReadOnlyList<string> Arguments, string WorkingDirectory, int TimeoutMs);

/// <summary>A command's text, or how it failed: <paramref name="TimedOut"/>, or <paramref name="Error"/> (the exception's type name).</summary>
internal sealed record WorkerCommandReply(string? Text, string? Error, bool TimedOut);

internal sealed record WorkerUnloadRequest(int HookTimeoutMs);

internal sealed record WorkerCacheEntry(string Key, string Value, long? TimeToLiveMs);

internal sealed record WorkerTelemetryEvent(string Name, TelemetryLevel Level, IReadOnlyDictionary<string, JsonElement>? Metadata);

/// <summary>One log line from the worker: the plugin's own (<paramref name="Category"/> is its name) or the worker's about the plugin.</summary>
internal sealed record WorkerLogEntry(string Category, int Level, string Message, string? Exception);
