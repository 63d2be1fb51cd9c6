using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// Source-generated serialization of the loose values that cross to and from a worker: items, event metadata
/// and notification arguments (which StreamJsonRpc writes as <c>object</c>; without <c>object</c> here, the
/// reflection resolver would be set up for them). The messages read and write their own JSON
/// (<see cref="IWireMessage{TSelf}"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
