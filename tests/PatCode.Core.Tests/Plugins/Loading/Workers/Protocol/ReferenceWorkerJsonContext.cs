using System.Text.Json.Serialization;
using PatCode.Core.Plugins.Loading.Workers.Protocol;

namespace PatCode.Core.Tests.Plugins.Loading.Workers.Protocol;

/// <summary>
/// What System.Text.Json's generated metadata writes and reads for the worker messages, with the options the
/// channel uses: the reference the messages' own hand-written JSON is held to.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WorkerHello))]
[JsonSerializable(typeof(WorkerHelloReply))]
[JsonSerializable(typeof(WorkerHookRequest))]
[JsonSerializable(typeof(WorkerLoadReply))]
[JsonSerializable(typeof(WorkerCommandInfo))]
[JsonSerializable(typeof(WorkerRunRequest))]
[JsonSerializable(typeof(WorkerRunReply))]
[JsonSerializable(typeof(WorkerSection))]
[JsonSerializable(typeof(WorkerCommandRequest))]
[JsonSerializable(typeof(WorkerCommandReply))]
[JsonSerializable(typeof(WorkerCacheEntry))]
[JsonSerializable(typeof(WorkerTelemetryEvent))]
[JsonSerializable(typeof(WorkerLogEntry))]
internal sealed partial class ReferenceWorkerJsonContext : JsonSerializerContext;
