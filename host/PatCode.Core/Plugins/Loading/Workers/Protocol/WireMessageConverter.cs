using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Serializes any <see cref="IWireMessage{TSelf}"/> through its own <c>Read</c> and <c>Write</c>.</summary>
internal sealed class WireMessageConverter<T> : JsonConverter<T>
    where T : class, IWireMessage<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.Write(writer);
}
