using System.IO.Pipes;

namespace PatCode.Chat.Tests.Repl;

/// <summary>Input a test types while the REPL runs: a pipe whose reading end is the REPL's input.</summary>
internal sealed class TypedInput : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _pipe = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _client;
    private readonly StreamWriter _typing;

    public TypedInput()
    {
        _client = new AnonymousPipeClientStream(PipeDirection.In, _pipe.ClientSafePipeHandle);
        Reader = new StreamReader(_client);
        _typing = new StreamWriter(_pipe) { AutoFlush = true };
    }

    /// <summary>What the REPL reads.</summary>
    public TextReader Reader { get; }

    public Task TypeAsync(string line) => _typing.WriteLineAsync(line);

    /// <summary>End of input, as Ctrl+D.</summary>
    public void Close() => _typing.Close();

    public async ValueTask DisposeAsync()
    {
        await _typing.DisposeAsync();
        Reader.Dispose();
        _client.Dispose();
        _pipe.Dispose();
    }
}
