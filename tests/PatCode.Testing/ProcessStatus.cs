namespace PatCode.Testing;

/// <summary>What Linux's /proc says about a process.</summary>
public static class ProcessStatus
{
    /// <summary>Whether <paramref name="pid"/> is running: not gone, and not a zombie waiting for its parent to reap it.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
