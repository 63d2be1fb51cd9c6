using System.Globalization;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// Says in a few words why a worker process ended: what the runtime wrote on its stderr when that tells
/// (a stack overflow, out of memory, FailFast, an unhandled exception), else its exit code or signal.
/// </summary>
internal static class WorkerExit
{
    private static readonly Dictionary<int, string> Signals = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [15] = "SIGTERM",
    };

    public static string Describe(int? exitCode, IReadOnlyList<string> stderrTail)
    {
        var code = Code(exitCode);
        if (stderrTail.Any(l => l.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)))
        {
            return $"stack overflow ({code})";
        }

        if (stderrTail.Any(l => l.Contains("OutOfMemoryException", StringComparison.Ordinal) || l.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)))
        {
            return $"out of memory ({code})";
        }

        if (stderrTail.Any(l => l.StartsWith("Process terminated.", StringComparison.Ordinal)))
        {
            return $"Environment.FailFast ({code})";
        }

        var unhandled = stderrTail.FirstOrDefault(l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal));
        if (unhandled is not null)
        {
            var type = unhandled["Unhandled exception. ".Length..].Split(':', 2)[0].Trim();
            return $"unhandled {type[(type.LastIndexOf('.') + 1)..]} ({code})";
        }

        return code;
    }

    private static string Code(int? exitCode) => exitCode switch
    {
        null => "it stopped answering",
        > 128 and < 128 + 65 when Signals.TryGetValue(exitCode.Value - 128, out var name) => $"killed by signal {exitCode.Value - 128}, {name}",
        > 128 and < 128 + 65 => $"killed by signal {(exitCode.Value - 128).ToString(CultureInfo.InvariantCulture)}",
        _ => $"exit code {exitCode.Value.ToString(CultureInfo.InvariantCulture)}",
    };
}
