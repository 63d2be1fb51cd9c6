using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>Gives every <see cref="IWireMessage{TSelf}"/> its <see cref="WireMessageConverter{T}"/>, so a new message cannot be left out.</summary>
internal sealed class WireMessageConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsClass && typeToConvert.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireMessage<>) && i.GenericTypeArguments[0] == typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireMessageConverter<>).MakeGenericType(typeToConvert))!;
}
