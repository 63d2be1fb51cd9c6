using System.Runtime.InteropServices;
using PatCode.Core.Commands;

namespace PatCode.Launcher;

/// <summary>
/// Replaces this process with the managed host, <c>patcode-host</c> beside this executable, passing the arguments
/// and environment on unchanged. exec keeps the process id, the terminal and the signal dispositions, so Ctrl+C,
/// exit codes and process supervision see one program.
/// </summary>
internal static partial class HostHandOver
{
    public const string HostName = "patcode-host";

    /// <returns>Only when exec failed: the exit code, after one line saying why.</returns>
    public static int Exec(string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, HostName);
        var argv = new nint[args.Length + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(host);
            for (var i = 0; i < args.Length; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            execv(host, argv);
            var error = Marshal.GetLastPInvokeErrorMessage();
            Console.Error.WriteLine($"error: cannot start {host} ({error}); reinstall PatCode (install.sh) to restore it.");
            return ExitCodes.Failure;
        }
        finally
        {
            foreach (var arg in argv)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int execv(string path, nint[] argv);
}
