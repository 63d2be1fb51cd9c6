using System.Text.Json;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// A worker message that reads and writes its own JSON (the same JSON <see cref="WorkerJsonContext"/>'s
/// metadata would give). Hand-written because the generated metadata instantiates System.Text.Json's generic
/// property code once per value type (<c>int</c>, <c>bool</c>, <c>long?</c>, each enum): hundreds of methods
/// ReadyToRun cannot hold, JIT-compiled in patcode and again in every worker on the way to the first answer.
/// </summary>
internal interface IWireMessage<TSelf>
    where TSelf : class, IWireMessage<TSelf>
{
    /// <summary>Reads one message; the reader is on its <see cref="JsonTokenType.StartObject"/> and is left on its end.</summary>
    static abstract TSelf Read(ref Utf8JsonReader reader);

    void Write(Utf8JsonWriter writer);
}
