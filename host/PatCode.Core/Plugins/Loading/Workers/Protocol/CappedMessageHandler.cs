using System.Buffers;
using System.Buffers.Binary;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// StreamJsonRpc's length-prefixed framing with a cap: the length of each incoming message is looked at before
/// any of it is buffered, and one over <see cref="MaxBytes"/> ends the connection instead of being read. So a
/// worker cannot make PatCode hold a message of any size.
/// </summary>
internal sealed class CappedMessageHandler : LengthHeaderMessageHandler
{
    private readonly byte[] _header = new byte[4];

    public CappedMessageHandler(Stream sending, Stream receiving, IJsonRpcMessageFormatter formatter, int maxBytes)
        : base(sending, receiving, formatter)
    {
        MaxBytes = maxBytes;
    }

    public int MaxBytes { get; }

    /// <summary>The length of the message that was refused, once one was.</summary>
    public long? Refused { get; private set; }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var peek = await ReadAtLeastAsync(4, allowEmpty: true, cancellationToken);
        if (peek.Buffer.Length >= 4)
        {
            peek.Buffer.Slice(0, 4).CopyTo(_header.AsSpan());
            var length = BinaryPrimitives.ReadInt32BigEndian(_header);
            if (length < 0 || length > MaxBytes)
            {
                Refused = (uint)length;
                Reader!.AdvanceTo(peek.Buffer.Start);
                throw new InvalidDataException($"a message of {(uint)length} bytes is over the {MaxBytes} byte limit");
            }
        }

        // Nothing consumed or examined: the base class reads the same bytes again, without waiting.
        Reader!.AdvanceTo(peek.Buffer.Start);
        return await base.ReadCoreAsync(cancellationToken);
    }
}
