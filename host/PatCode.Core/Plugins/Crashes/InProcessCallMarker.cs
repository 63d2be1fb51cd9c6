using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;

namespace PatCode.Core.Plugins.Crashes;

/// <summary>
/// Remembers, in a small memory-mapped file of this process, which in-process plugin's code is running. The
/// kernel keeps what was written even when the process dies at once (a stack overflow, FailFast, a plugin's
/// Environment.Exit), so the next start can name the plugin and fault it instead of loading it again. Each
/// loaded plugin has a slot: a count of its calls under way and a flag for having been caught ending the
/// process. Entering and leaving a call is one interlocked add on mapped memory. The file is held locked while
/// this process lives, which is how <see cref="CrashRecords"/> tells a dead process's file from a live one's.
/// </summary>
internal sealed unsafe class InProcessCallMarker : IDisposable
{
    internal const int SlotCount = 128;
    internal const int SlotSize = 128;
    internal const int NameBytes = SlotSize - 12;
    internal const int HeaderSize = 16;
    internal const uint Magic = 0x4B524D50; // "PMRK"

    private readonly FileStream _file;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _memory;
    private readonly bool[] _taken = new bool[SlotCount];
    private readonly ConditionalWeakTable<AssemblyLoadContext, Slot> _byContext = [];
    private bool _disposed;

    private InProcessCallMarker(string path, FileStream file, MemoryMappedFile map, MemoryMappedViewAccessor view)
    {
        Path = path;
        _file = file;
        _map = map;
        _view = view;

        // Acquired for the life of the process, never released: see Dispose.
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _memory = pointer + view.PointerOffset;
        *(uint*)_memory = Magic;
        *(int*)(_memory + 4) = Environment.ProcessId;
    }

    public string Path { get; }

    /// <summary>Creates this process's marker in <paramref name="folder"/>; <see langword="null"/> when it cannot be written (nothing is tracked then).</summary>
    public static InProcessCallMarker? Create(string folder)
    {
        var path = System.IO.Path.Combine(folder, $"{Environment.ProcessId}{CrashRecords.MarkerExtension}");
        FileStream? file = null;
        try
        {
            PatCodePaths.EnsurePrivateDirectory(folder);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            file = new FileStream(path, options);
            file.SetLength(HeaderSize + (SlotCount * SlotSize));
            var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            return new InProcessCallMarker(path, file, map, map.CreateViewAccessor());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            return null;
        }
    }

    /// <summary>Gives plugin <paramref name="name"/> a slot; its code is attributed through <paramref name="context"/> too.</summary>
    public Slot Register(string name, AssemblyLoadContext? context)
    {
        lock (_taken)
        {
            var index = Array.IndexOf(_taken, false);
            if (_disposed || index < 0)
            {
                return Slot.Untracked;
            }

            _taken[index] = true;
            var slot = new Slot(this, index);
            var bytes = Encoding.UTF8.GetBytes(name);
            var length = Math.Min(bytes.Length, NameBytes);
            var at = SlotAt(index);
            *(int*)at = 0;
            *(int*)(at + 4) = 0;
            *(int*)(at + 8) = length;
            bytes.AsSpan(0, length).CopyTo(new Span<byte>(at + 12, NameBytes));
            if (context is not null)
            {
                _byContext.AddOrUpdate(context, slot);
            }

            return slot;
        }
    }

    /// <summary>Marks the plugin whose code <paramref name="frames"/> runs through as having ended the process; false when none does.</summary>
    public bool Blame(System.Diagnostics.StackTrace frames)
    {
        foreach (var frame in frames.GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is not null && AssemblyLoadContext.GetLoadContext(assembly) is { } context && _byContext.TryGetValue(context, out var slot))
            {
                slot.Blame();
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks every plugin with a call under way as having ended the process; false when none has one.</summary>
    public bool BlameRunning()
    {
        var any = false;
        for (var i = 0; i < SlotCount; i++)
        {
            var at = SlotAt(i);
            if (Volatile.Read(ref *(int*)at) > 0 && *(int*)(at + 8) > 0)
            {
                Volatile.Write(ref *(int*)(at + 4), 1);
                any = true;
            }
        }

        return any;
    }

    /// <summary>The name in the slot a blamed plugin has, for the one line the dying process can still write.</summary>
    public string? BlamedName()
    {
        for (var i = 0; i < SlotCount; i++)
        {
            var at = SlotAt(i);
            if (Volatile.Read(ref *(int*)(at + 4)) != 0)
            {
                return Encoding.UTF8.GetString(at + 12, Math.Clamp(*(int*)(at + 8), 0, NameBytes));
            }
        }

        return null;
    }

    /// <summary>
    /// A clean end: the file goes. The mapping itself stays until the process ends, so a call abandoned after a
    /// timeout that finishes later still writes to valid memory.
    /// </summary>
    public void Dispose()
    {
        lock (_taken)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind with its lock released, it is removed by the next start.
        }

        _file.Dispose();
    }

    private byte* SlotAt(int index) => _memory + HeaderSize + (index * SlotSize);

    private void Release(int index)
    {
        lock (_taken)
        {
            if (_disposed)
            {
                return;
            }

            // A slot whose plugin still runs an abandoned call keeps its name: if the process dies now, that is the culprit.
            var at = SlotAt(index);
            if (Volatile.Read(ref *(int*)at) == 0)
            {
                *(int*)(at + 8) = 0;
                _taken[index] = false;
            }
        }
    }

    /// <summary>One plugin's place in the marker. <see cref="Untracked"/> records nothing (no marker, or no slot left).</summary>
    internal sealed class Slot
    {
        private readonly InProcessCallMarker? _owner;
        private readonly int _index;

        public Slot(InProcessCallMarker? owner, int index)
        {
            _owner = owner;
            _index = index;
        }

        public static Slot Untracked { get; } = new(null, -1);

        public void Enter()
        {
            if (_owner is not null)
            {
                Interlocked.Increment(ref *(int*)_owner.SlotAt(_index));
            }
        }

        public void Exit()
        {
            if (_owner is not null)
            {
                Interlocked.Decrement(ref *(int*)_owner.SlotAt(_index));
            }
        }

        /// <summary>Leaves the call marked until <paramref name="task"/> ends: the plugin's code runs until then.</summary>
        public Task<T> Track<T>(Task<T> task)
        {
            if (_owner is null || task.IsCompleted)
            {
                Exit();
                return task;
            }

            // The continuation holds the slot only, never the plugin.
            task.ContinueWith(static (_, slot) => ((Slot)slot!).Exit(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        /// <summary>Leaves the call marked until <paramref name="task"/> ends.</summary>
        public Task Track(Task task)
        {
            if (_owner is null || task.IsCompleted)
            {
                Exit();
                return task;
            }

            task.ContinueWith(static (_, slot) => ((Slot)slot!).Exit(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        public void Blame()
        {
            if (_owner is not null)
            {
                Volatile.Write(ref *(int*)(_owner.SlotAt(_index) + 4), 1);
            }
        }

        public void Release() => _owner?.Release(_index);
    }
}
