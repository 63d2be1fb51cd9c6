using Microsoft.Extensions.Logging;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Repl;

/// <summary>
/// The interactive loop: reads messages (with <c>"""</c> blocks), sends slash commands to the host's
/// dispatcher and everything else to the <see cref="ChatSession"/>. Ctrl+C during an answer cancels only
/// that answer (<see cref="Interrupt"/> returns <see langword="true"/>); at the prompt it ends the loop, as
/// do end of input (Ctrl+D) and a command that asks to quit (<c>/quit</c>).
/// </summary>
public sealed class ChatRepl : IDisposable
{
    private readonly ChatSession _session;
    private readonly IUserOutput _output;
    private readonly ICommandDispatcher _commands;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _exit = new();
    private readonly HeldNotices _notices;
    private CancellationTokenSource? _busy;

    /// <param name="session">The conversation.</param>
    /// <param name="output">Where prompts, answers and errors go.</param>
    /// <param name="commands">
    /// The host's dispatcher for every line starting with <c>/</c>: /help, /quit, the chat's and the plugins' commands.
    /// </param>
    /// <param name="logger">For details of unexpected failures.</param>
    public ChatRepl(ChatSession session, IUserOutput output, ICommandDispatcher commands, ILogger logger)
    {
        _session = session;
        _output = output;
        _commands = commands;
        _logger = logger;
        _notices = new HeldNotices(output.WriteDim);
    }

    /// <summary>Whether an answer is streaming (or a command running) right now.</summary>
    public bool IsAnswering
    {
        get
        {
            lock (_gate)
            {
                return _busy is not null;
            }
        }
    }

    /// <summary>
    /// What Ctrl+C does: cancels the answer (or command) in progress and returns <see langword="true"/>, or,
    /// at the prompt, ends the loop and returns <see langword="false"/>.
    /// </summary>
    public bool Interrupt()
    {
        lock (_gate)
        {
            if (_busy is not null)
            {
                _busy.Cancel();
                return true;
            }
        }

        _exit.Cancel();
        return false;
    }

    /// <summary>
    /// Shows news from outside the conversation (plugin loads and unloads): at once at the prompt, or after the
    /// answer or command that is printing, so it never splits an answer's line.
    /// </summary>
    public void Notify(string line) => _notices.Post(line);

    /// <summary>Where <see cref="Notify"/> writes; dimmed lines on the output unless set (the line editor writes above its prompt).</summary>
    public void WriteNoticesTo(Action<string> write) => _notices.WriteTo(write);

    /// <summary>Wires Ctrl+C of the console to <see cref="Interrupt"/>; dispose the result to unwire.</summary>
    public IDisposable AttachConsoleInterrupt()
    {
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            // Never let the runtime kill the process: the loop ends itself and the history is already on disk.
            e.Cancel = true;
            Interrupt();
        };
        System.Console.CancelKeyPress += handler;
        return new DisposeAction(() => System.Console.CancelKeyPress -= handler);
    }

    /// <summary>Runs until end of input, <c>/quit</c>, or Ctrl+C at the prompt, reading plain lines. Returns the exit code.</summary>
    public Task<int> RunAsync(TextReader input, CancellationToken cancellationToken = default) =>
        RunAsync(new TextLineSource(input, _output), cancellationToken);

    /// <summary>Runs until end of input, <c>/quit</c>, or Ctrl+C at the prompt. Returns the exit code.</summary>
    internal async Task<int> RunAsync(ILineSource source, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _exit.Token);
        var reader = new InputReader(source);
        while (!stop.IsCancellationRequested)
        {
            string? line;
            try
            {
                line = await reader.ReadAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (line is null)
            {
                break;
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 && !reader.LastWasFenced)
            {
                continue;
            }

            source.Remember(reader.LastWasFenced ? line : trimmed);
            if (!reader.LastWasFenced && trimmed.StartsWith('/'))
            {
                await RunCommandAsync(trimmed, stop.Token).ConfigureAwait(false);
                if (_commands.QuitRequested)
                {
                    break;
                }

                continue;
            }

            await AnswerAsync(line, stop.Token).ConfigureAwait(false);
        }

        if (_output.IsInteractive)
        {
            _output.WriteLine();
        }

        return ExitCodes.Success;
    }

    private async Task RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        // Ctrl+C while a command runs (e.g. /models against a silent server) stops the command, not the REPL.
        using var command = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _busy = command;
        }

        _notices.Hold();

        try
        {
            await _commands.RunAsync(line, _output, inRepl: true, command.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (command.IsCancellationRequested)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                _output.WriteWarning($"{line.Split(' ', 2)[0]} cancelled.");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A command's bug must not end the session; the details go to the log.
            ChatLog.CommandFailed(_logger, e, line);
            _output.WriteError($"{line.Split(' ', 2)[0]} failed: {e.Message}");
        }
        finally
        {
            lock (_gate)
            {
                _busy = null;
            }

            _notices.Release();
        }
    }

    private async Task AnswerAsync(string message, CancellationToken cancellationToken)
    {
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _busy = answer;
        }

        _notices.Hold();

        try
        {
            await _session.SendAsync(message, answer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (answer.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The session reports Ollama's failures itself; this is a bug, and it must not end the REPL.
            ChatLog.TurnCrashed(_logger, e);
            _output.WriteError($"the answer failed unexpectedly ({e.GetType().Name}); details are in the log. The history is intact.");
        }
        finally
        {
            lock (_gate)
            {
                _busy = null;
            }

            _notices.Release();
        }
    }

    public void Dispose() => _exit.Dispose();
}
