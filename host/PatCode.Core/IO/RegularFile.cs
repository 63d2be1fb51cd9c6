using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PatCode.Core.IO;

/// <summary>
/// Reads files from the user's disk without being fooled by what is not a file: a FIFO (opening it waits for a
/// writer, past Ctrl+C), a device such as /dev/zero (it never ends), a socket, or a file the kernel generates as
/// it is read (/proc, /sys: their reported size means nothing). Only regular files are read, and never more than
/// a cap plus one byte, whatever size the file system reports. Compiled into the host and, as linked source,
/// into the FileAnalyzer built-in (plugins share nothing but the SDK).
/// </summary>
internal static partial class RegularFile
{
    // The file type bits of st_mode; the runtime's own native library reports st_mode as the OS has it.
    private const int TypeMask = 0xF000;

    // The runtime's status record is larger than this and starts with two 32-bit fields: flags, then st_mode.
    private const int StatusBufferBytes = 512;
    private const int ModeOffset = 4;

    // statfs type names (as .NET's DriveInfo reports them) of file systems whose files the kernel makes up on reading.
    private static readonly string[] KernelFileSystems =
        ["proc", "sysfs", "debugfs", "tracefs", "securityfs", "configfs", "efivarfs", "cgroupfs", "cgroup2fs", "bpf_fs", "pstorefs"];

    /// <summary>What <paramref name="path"/> names, following links; <see cref="FileKind.Unknown"/> when it cannot be asked.</summary>
    public static FileKind KindOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return OperatingSystem.IsWindows()
            ? Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Unknown
            : Ask(path, static (p, status) => Stat(p, status));
    }

    /// <summary>The kernel file system (<c>proc</c>, <c>sysfs</c>, …) <paramref name="path"/> lies in, or <see langword="null"/>.</summary>
    public static string? KernelFileSystemOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            var format = new DriveInfo(path).DriveFormat;
            return KernelFileSystems.Contains(format, StringComparer.Ordinal) ? format : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Cannot ask the file system: go by the usual mount points.
            var full = Path.GetFullPath(path);
            return full == "/proc" || full.StartsWith("/proc/", StringComparison.Ordinal) ? "proc"
                : full == "/sys" || full.StartsWith("/sys/", StringComparison.Ordinal) ? "sysfs"
                : null;
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> must not be read as a file, worded to follow "… is": "a FIFO (named pipe)",
    /// "a character device", "a folder", "a file the kernel generates as it is read (proc)"; <see langword="null"/>
    /// for a regular file, and for a path whose kind cannot be had (opening it reports the real problem).
    /// </summary>
    public static string? Refusal(string path) => KindOf(path) switch
    {
        FileKind.Regular => KernelFileSystemOf(path) is { } system ? $"a file the kernel generates as it is read ({system})" : null,
        var kind => Describe(kind),
    };

    /// <summary>
    /// Opens a file <see cref="Refusal"/> accepted, and checks the opened file itself once more, so a file swapped
    /// for a device in between is refused too (<see cref="IOException"/>).
    /// </summary>
    public static FileStream OpenRead(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        if (Describe(KindOf(handle)) is { } what)
        {
            handle.Dispose();
            throw new IOException($"{path} is {what}, not a regular file.");
        }

        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes of a file <see cref="Refusal"/> accepted: a result longer
    /// than <paramref name="maxBytes"/> means the file is over the cap, whatever size the file system reported.
    /// </summary>
    public static byte[] ReadAtMost(string path, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var stream = OpenRead(path);
        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        var buffer = new byte[(int)Math.Min(limit, Math.Max(4096, stream.Length + 1))];
        var total = 0;
        while (total < limit)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(limit, buffer.Length * 2L));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }

    private static FileKind KindOf(SafeFileHandle handle) =>
        OperatingSystem.IsWindows() ? FileKind.Unknown : Ask(handle, static (h, status) => FStat(h, status));

    /// <summary>Runs a stat call into a buffer of the runtime's status record and reads the file type from it.</summary>
    private static unsafe FileKind Ask<T>(T target, Func<T, nint, int> stat)
    {
        var status = stackalloc byte[StatusBufferBytes];
        try
        {
            return stat(target, (nint)status) == 0 ? FromMode(*(int*)(status + ModeOffset)) : FileKind.Unknown;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Unknown;
        }
    }

    private static string? Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        _ => null,
    };

    private static FileKind FromMode(int mode) => (mode & TypeMask) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Unknown,
    };

    // .NET has no public API for a file's type before .NET 11 (SafeFileHandle.Type); these are the runtime's own
    // exports that FileSystemInfo uses, present wherever .NET runs on Linux and macOS.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, nint status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
    private static partial int FStat(SafeFileHandle fd, nint status);
}
