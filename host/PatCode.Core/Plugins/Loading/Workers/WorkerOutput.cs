using System.Text;
using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// Drains a worker's stdout and stderr into its plugin's log category, never the terminal. What reaches the log
/// is capped (lines and bytes); the rest is read and dropped, so a chatty plugin can neither fill the log nor
/// block on a full pipe. The last lines of stderr are kept to tell why a worker died.
/// </summary>
internal sealed class WorkerOutput
{
    private const int MaxLineChars = 4096;
    private const int TailLines = 40;

    private readonly ILogger _logger;
    private readonly int _maxBytes;
    private readonly Queue<string> _stderrTail = new();
    private long _logged;
    private bool _dropped;

    private WorkerOutput(ILogger logger, int maxBytes)
    {
        _logger = logger;
        _maxBytes = maxBytes;
    }

    /// <summary>Completes when both streams have ended.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>The last lines the worker wrote on stderr.</summary>
    public IReadOnlyList<string> StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return [.. _stderrTail];
            }
        }
    }

    public static WorkerOutput Attach(StreamReader stdout, StreamReader stderr, ILogger logger, int maxBytes)
    {
        var output = new WorkerOutput(logger, maxBytes);
        output.Completion = Task.WhenAll(
            Task.Run(() => output.DrainAsync(stdout, isError: false)),
            Task.Run(() => output.DrainAsync(stderr, isError: true)));
        return output;
    }

    private async Task DrainAsync(StreamReader reader, bool isError)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        Emit(line, isError);
                        line.Clear();
                    }
                    else if (line.Length < MaxLineChars)
                    {
                        line.Append(buffer[i]);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker is gone; what it wrote up to now is logged.
        }

        if (line.Length > 0)
        {
            Emit(line, isError);
        }
    }

    private void Emit(StringBuilder builder, bool isError)
    {
        var text = builder.ToString().TrimEnd('\r');
        if (isError)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(text);
                if (_stderrTail.Count > TailLines)
                {
                    _stderrTail.Dequeue();
                }
            }
        }

        if (Interlocked.Add(ref _logged, text.Length + 1) > _maxBytes)
        {
            lock (_stderrTail)
            {
                if (_dropped)
                {
                    return;
                }

                _dropped = true;
            }

            _logger.LogWarning("The worker wrote more than {Limit} KB to stdout and stderr; the rest is dropped", _maxBytes / 1024);
            return;
        }

        if (isError)
        {
            _logger.LogWarning("stderr: {Line}", text);
        }
        else
        {
            _logger.LogInformation("stdout: {Line}", text);
        }
    }
}
