using System.Runtime.InteropServices;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// A worker leads a process group of its own, which every process its plugin starts joins, so one signal stops
/// the worker and all of them: children whose parent has already gone too, which a walk of the process tree no
/// longer finds. A process that leaves the group on purpose (a new session, as daemons do) escapes it.
/// </summary>
internal static partial class WorkerProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Makes the calling process (a worker, first thing) the leader of a new group; false where it cannot be.</summary>
    public static bool Lead() => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && SetProcessGroup(0, 0) == 0;

    /// <summary>
    /// Whether <paramref name="pid"/> leads its own group. Ask before killing it: once it is dead and reaped the
    /// answer is lost, and a group must never be signalled on a guess (it could be patcode's own).
    /// </summary>
    public static bool IsLeader(int pid) => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && GetProcessGroup(pid) == pid;

    /// <summary>Kills every process left in the group <paramref name="leader"/> led.</summary>
    public static void Kill(int leader) => _ = SendSignal(-leader, SigKill);

    /// <summary>A worker's last act when patcode is gone: kills its own group, itself included, if it leads one.</summary>
    public static void EndOwnGroup()
    {
        if (IsLeader(Environment.ProcessId))
        {
            _ = SendSignal(0, SigKill);
        }
    }

    [LibraryImport("libc", EntryPoint = "setpgid")]
    private static partial int SetProcessGroup(int pid, int group);

    [LibraryImport("libc", EntryPoint = "getpgid")]
    private static partial int GetProcessGroup(int pid);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
