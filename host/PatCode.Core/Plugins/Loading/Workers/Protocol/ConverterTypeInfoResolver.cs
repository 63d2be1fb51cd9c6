using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// Type information for any type a converter on the options handles (the worker messages, StreamJsonRpc's
/// request ids): it only wraps that converter. Left to the reflection resolver, the first such type would set
/// up all of System.Text.Json's built-in converters (~130 JIT-compiled methods) in patcode and in each worker.
/// </summary>
internal sealed class ConverterTypeInfoResolver : IJsonTypeInfoResolver
{
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        options.Converters.Any(c => c.CanConvert(type)) ? JsonTypeInfo.CreateJsonTypeInfo(type, options) : null;
}
