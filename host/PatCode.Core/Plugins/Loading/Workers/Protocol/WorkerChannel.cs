using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamJsonRpc;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// The JSON-RPC connection between PatCode and one worker, the same on both ends: StreamJsonRpc with
/// System.Text.Json (hand-written for our messages, source-generated for loose values) over the private socket, length-prefixed and capped.
/// </summary>
internal static class WorkerChannel
{
    /// <summary>How both ends serialize: the messages by their own hand, loose values through <see cref="WorkerJsonContext"/>.</summary>
    internal static readonly JsonSerializerOptions Options = new(WorkerJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WorkerJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        Converters = { new WireMessageConverterFactory() },
    };

    /// <summary>Creates the connection over <paramref name="stream"/>, not yet listening, with <paramref name="target"/> serving calls from the other side.</summary>
    public static (JsonRpc Rpc, CappedMessageHandler Handler) Create(Stream stream, int maxMessageBytes, object? target)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Options };
        var handler = new CappedMessageHandler(stream, stream, formatter, maxMessageBytes);
        var rpc = new JsonRpc(handler);
        if (target is not null)
        {
            rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        }

        return (rpc, handler);
    }

    /// <summary>Calls <paramref name="method"/> with one argument and waits for its result.</summary>
    public static Task<T> CallAsync<T>(this JsonRpc rpc, string method, object argument, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<T>(method, [argument], cancellationToken);
}
