using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Source-generated serialization of the worker messages: no reflection on the hot path, nothing to warm up.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WorkerHello))]
[JsonSerializable(typeof(WorkerHelloReply))]
[JsonSerializable(typeof(WorkerLoadRequest))]
[JsonSerializable(typeof(WorkerLoadReply))]
[JsonSerializable(typeof(WorkerRunRequest))]
[JsonSerializable(typeof(WorkerRunReply))]
[JsonSerializable(typeof(WorkerCommandRequest))]
[JsonSerializable(typeof(WorkerCommandReply))]
[JsonSerializable(typeof(WorkerUnloadRequest))]
[JsonSerializable(typeof(WorkerCacheEntry))]
[JsonSerializable(typeof(WorkerTelemetryEvent))]
[JsonSerializable(typeof(WorkerLogEntry))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
