using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamJsonRpc;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// The JSON-RPC connection between PatCode and one worker, the same on both ends: StreamJsonRpc with
/// System.Text.Json (hand-written for our messages, source-generated for loose values) over the private socket,
/// length-prefixed and capped.
/// </summary>
internal static class WorkerChannel
{
    /// <summary>How both ends serialize: the messages by their own hand, loose values through <see cref="WorkerJsonContext"/>.</summary>
    internal static readonly JsonSerializerOptions Options = CreateOptions();

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

    private static JsonSerializerOptions CreateOptions() => new(WorkerJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WorkerJsonContext.Default, new ConverterTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
        Converters = { new WireMessageConverterFactory() },
    };

    /// <summary>Calls <paramref name="method"/> with one argument and waits for its result.</summary>
    public static Task<T> CallAsync<T>(this JsonRpc rpc, string method, object argument, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<T>(method, [argument], [argument.GetType()], cancellationToken);

    /// <summary>Calls <paramref name="method"/> with one argument and waits for it to be done.</summary>
    public static Task CallAsync(this JsonRpc rpc, string method, object argument, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(method, [argument], [argument.GetType()], cancellationToken);

    /// <summary>Sends <paramref name="method"/> without waiting for an answer.</summary>
    public static Task SendNotificationAsync(this JsonRpc rpc, string method, object[] arguments) =>
        rpc.NotifyAsync(method, arguments, Array.ConvertAll(arguments, a => a.GetType()));

    // Every argument goes with its own type. Written as object, System.Text.Json would first look for a
    // polymorphic ancestor of it, asking the reflection resolver about every interface of a string, a long or
    // a message, and so set the reflection resolver up for nothing.
}
