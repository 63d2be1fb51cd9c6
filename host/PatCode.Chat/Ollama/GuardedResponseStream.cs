using System.Text.Json;
using OllamaSharp.Models.Exceptions;

namespace PatCode.Chat.Ollama;

/// <summary>
/// A read-only view of a response body whose reads also observe the request's cancellation token and,
/// for NDJSON streams, hand out whole lines and turn an <c>{"error":"…"}</c> line into a
/// <see cref="ResponseError"/> (HTTP status stays 200 when Ollama fails mid-stream).
/// </summary>
internal sealed class GuardedResponseStream : Stream
{
    private const int ChunkSize = 4096;

    private readonly Stream _inner;
    private readonly CancellationToken _token;
    private readonly bool _checkErrorLines;
    private readonly MemoryStream _partialLine = new();
    private byte[] _ready = [];
    private int _readyOffset;
    private bool _innerEnded;
    private ResponseError? _pendingError;

    public GuardedResponseStream(Stream inner, bool checkErrorLines, CancellationToken token)
    {
        _inner = inner;
        _token = token;
        _checkErrorLines = checkErrorLines;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_token, cancellationToken) : null;
        var token = linked?.Token ?? _token;
        if (!_checkErrorLines)
        {
            return await _inner.ReadAsync(buffer, token).ConfigureAwait(false);
        }

        while (_readyOffset >= _ready.Length)
        {
            if (_pendingError is not null)
            {
                // The lines before the error were handed out first, so the partial answer is not lost.
                throw _pendingError;
            }

            if (_innerEnded)
            {
                return 0;
            }

            await FillAsync(token).ConfigureAwait(false);
        }

        var count = Math.Min(buffer.Length, _ready.Length - _readyOffset);
        _ready.AsMemory(_readyOffset, count).CopyTo(buffer);
        _readyOffset += count;
        return count;
    }

    private async Task FillAsync(CancellationToken token)
    {
        var chunk = new byte[ChunkSize];
        var read = await _inner.ReadAsync(chunk, token).ConfigureAwait(false);
        if (read == 0)
        {
            _innerEnded = true;
            var rest = _partialLine.ToArray();
            _partialLine.SetLength(0);
            _pendingError = ErrorIn(rest);
            Publish(_pendingError is null ? rest : []);
            return;
        }

        var lastNewline = Array.LastIndexOf(chunk, (byte)'\n', read - 1);
        if (lastNewline < 0)
        {
            _partialLine.Write(chunk, 0, read);
            return;
        }

        _partialLine.Write(chunk, 0, lastNewline + 1);
        var complete = _partialLine.ToArray();
        _partialLine.SetLength(0);
        _partialLine.Write(chunk, lastNewline + 1, read - lastNewline - 1);
        var start = 0;
        for (var i = 0; i < complete.Length; i++)
        {
            if (complete[i] == '\n')
            {
                if (ErrorIn(complete.AsSpan(start, i - start)) is { } error)
                {
                    _pendingError = error;
                    Publish(complete[..start]);
                    return;
                }

                start = i + 1;
            }
        }

        Publish(complete);
    }

    private void Publish(byte[] bytes)
    {
        _ready = bytes;
        _readyOffset = 0;
    }

    private static ResponseError? ErrorIn(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t\r"u8);
        if (!trimmed.StartsWith("{\"error\""u8))
        {
            return null;
        }

        string? message;
        try
        {
            using var document = JsonDocument.Parse(trimmed.ToArray());
            message = document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }

        return message is null ? null : new ResponseError(message);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _partialLine.Dispose();
        }

        base.Dispose(disposing);
    }
}
