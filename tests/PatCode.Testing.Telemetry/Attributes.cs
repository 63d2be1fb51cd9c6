using Google.Protobuf.Collections;
using PatCode.Testing.Telemetry.Proto;

namespace PatCode.Testing.Telemetry;

/// <summary>OTLP attribute values as .NET values, so tests can tell a string array from a string that looks like one.</summary>
public static class Attributes
{
    public static IReadOnlyDictionary<string, object?> Of(RepeatedField<KeyValue>? attributes)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var attribute in attributes ?? [])
        {
            result[attribute.Key] = ValueOf(attribute.Value);
        }

        return result;
    }

    public static object? ValueOf(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(ValueOf).ToArray(),
        AnyValue.ValueOneofCase.KvlistValue => Of(value.KvlistValue.Values),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        _ => null,
    };
}
