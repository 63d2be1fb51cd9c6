using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PatCode.Chat.Terminal;

/// <summary>
/// The process's terminal on Linux, through libc. Edit mode clears ICANON, ECHO, ISIG, IEXTEN, IXON and ICRNL
/// (so keys arrive one by one, Enter as CR, Ctrl+C as a key) and turns bracketed paste on; leaving it restores
/// the modes the terminal had. Output processing (OPOST) is left alone, so "\n" still starts a new line.
/// .NET's own Console.ReadKey is not used: it does the same only around each read and cannot report pastes.
/// </summary>
internal sealed partial class UnixTerminal : ITerminal
{
    // struct termios on Linux (glibc and musl): c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[32], speeds.
    private const int TermiosSize = 60;
    private const int IFlagOffset = 0;
    private const int LFlagOffset = 12;
    private const int ControlCharsOffset = 17;
    private const int VTime = 5;
    private const int VMin = 6;
    private const uint Icrnl = 0x100;
    private const uint Ixon = 0x400;
    private const uint Isig = 0x1;
    private const uint Icanon = 0x2;
    private const uint Echo = 0x8;
    private const uint Iexten = 0x8000;
    private const int TcsaNow = 0;
    private const short PollIn = 0x1;
    private const int Stdin = 0;
    private const int Interrupted = 4; // EINTR
    private const string BracketedPasteOn = "\u001b[?2004h";

    /// <summary>What puts the terminal back: paste marks off, cursor shown. Written on every way out.</summary>
    public const string NormalModeSequence = "\u001b[?2004l\u001b[?25h";

    private readonly TextWriter _out;
    private readonly byte[] _original = new byte[TermiosSize];
    private readonly object _gate = new();
    private bool _inEditMode;

    private UnixTerminal(TextWriter output)
    {
        _out = output;
    }

    public int Width => ConsoleSize.Width;

    public int Height => ConsoleSize.Height;

    /// <summary>The terminal, when both standard input and output are one on Linux; otherwise <see langword="null"/>.</summary>
    public static UnixTerminal? TryOpen(TextWriter output)
    {
        if (!OperatingSystem.IsLinux() || Console.IsInputRedirected || Console.IsOutputRedirected
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal))
        {
            return null;
        }

        var terminal = new UnixTerminal(output);
        return terminal.ReadModes(terminal._original) ? terminal : null;
    }

    public void EnterEditMode()
    {
        lock (_gate)
        {
            if (_inEditMode || !ReadModes(_original))
            {
                return;
            }

            var raw = (byte[])_original.Clone();
            var iflag = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(IFlagOffset));
            var lflag = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(LFlagOffset));
            BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(IFlagOffset), iflag & ~(Icrnl | Ixon));
            BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(LFlagOffset), lflag & ~(Icanon | Echo | Isig | Iexten));
            raw[ControlCharsOffset + VMin] = 1;
            raw[ControlCharsOffset + VTime] = 0;
            if (SetModes(raw))
            {
                _inEditMode = true;
                Write(BracketedPasteOn);
            }
        }
    }

    public void LeaveEditMode()
    {
        lock (_gate)
        {
            if (!_inEditMode)
            {
                return;
            }

            _inEditMode = false;
            Write(NormalModeSequence);
            SetModes(_original);
        }
    }

    /// <summary>
    /// Until disposed, puts the terminal back in its normal mode however the process ends: normally, by an
    /// unhandled exception, or by SIGTERM/SIGHUP (which .NET turns into process exit). Also on dispose.
    /// </summary>
    public IDisposable RestoreOnExit()
    {
        EventHandler onExit = (_, _) => Restore();
        UnhandledExceptionEventHandler onCrash = (_, _) => Restore();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        AppDomain.CurrentDomain.UnhandledException += onCrash;
        return new Repl.DisposeAction(() =>
        {
            AppDomain.CurrentDomain.ProcessExit -= onExit;
            AppDomain.CurrentDomain.UnhandledException -= onCrash;
            Restore();
        });
    }

    public unsafe int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Waits in short slices so a cancellation is noticed; the slices cost nothing while keys arrive.
        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return 0;
            }

            var poll = new PollFd { Fd = Stdin, Events = PollIn };
            var ready = Poll(&poll, 1, (int)Math.Min(left, 100));
            if (ready < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
                continue;
            }

            if (ready <= 0)
            {
                if (ready < 0)
                {
                    return -1;
                }

                continue;
            }

            fixed (byte* bytes = buffer)
            {
                var read = ReadBytes(Stdin, bytes, (nint)buffer.Length);
                if (read < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                {
                    continue;
                }

                return read <= 0 ? -1 : (int)read;
            }
        }
    }

    public void Write(string text)
    {
        _out.Write(text);
        _out.Flush();
    }

    private void Restore()
    {
        lock (_gate)
        {
            // The spinner may have hidden the cursor outside edit mode, so the sequence goes out either way.
            if (_inEditMode)
            {
                _inEditMode = false;
                SetModes(_original);
            }

            Write(NormalModeSequence);
        }
    }

    private unsafe bool ReadModes(byte[] termios)
    {
        fixed (byte* p = termios)
        {
            return GetAttributes(Stdin, p) == 0;
        }
    }

    private unsafe bool SetModes(byte[] termios)
    {
        fixed (byte* p = termios)
        {
            return SetAttributes(Stdin, TcsaNow, p) == 0;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int GetAttributes(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int SetAttributes(int fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadBytes(int fd, byte* buffer, nint count);
}
