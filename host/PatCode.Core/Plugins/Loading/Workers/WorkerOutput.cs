using System.Text;
using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// Drains a worker's stdout and stderr into its plugin's log category, never the terminal. What reaches the log
/// is capped (lines and bytes); the rest is read and dropped, so a chatty plugin can neither fill the log nor
/// block on a full pipe. Each stream has half the budget: a flood on stdout cannot crowd out stderr, where a
/// dying worker says why. The last lines of stderr are also kept to tell why a worker died.
/// </summary>
internal sealed class WorkerOutput
{
    private const int MaxLineChars = 4096;
    private const int TailLines = 40;

    private readonly ILogger _logger;
    private readonly int _maxBytesPerStream;
    private readonly Queue<string> _stderrTail = new();

    private WorkerOutput(ILogger logger, int maxBytes)
    {
        _logger = logger;
        _maxBytesPerStream = maxBytes / 2;
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
        long budget = _maxBytesPerStream; // this stream's own: one task drains it, so no lock
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        budget = Emit(line, isError, budget);
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
            _ = Emit(line, isError, budget);
        }
    }

    /// <summary>Logs one line if <paramref name="budget"/> allows; returns what is left of it (below zero: the rest is dropped).</summary>
    private long Emit(StringBuilder builder, bool isError, long budget)
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

        var left = budget - (text.Length + 1);
        if (left < 0)
        {
            if (budget >= 0)
            {
                _logger.LogWarning("The worker wrote more than {Limit} KB to {Stream}; the rest of it is dropped", _maxBytesPerStream / 1024, isError ? "stderr" : "stdout");
            }

            return left;
        }

        if (isError)
        {
            _logger.LogWarning("stderr: {Line}", text);
        }
        else
        {
            _logger.LogInformation("stdout: {Line}", text);
        }

        return left;
    }
}
