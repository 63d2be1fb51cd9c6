namespace PatCode.Core.Plugins.Crashes;

/// <summary>
/// An in-process plugin to blame for an earlier process's death: its code was running when process
/// <paramref name="ProcessId"/> died, or (<paramref name="CaughtEndingIt"/>) it was caught ending the process.
/// </summary>
internal sealed record InProcessCrash(string Plugin, int ProcessId, bool CaughtEndingIt)
{
    public string Reason => CaughtEndingIt
        ? $"it ended PatCode (process {ProcessId}) while running in process"
        : $"PatCode (process {ProcessId}) stopped while its code was running in process";
}
