using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatCode.Core;
using PatCode.Core.IO;
using PatCode.Core.Security;

namespace PatCode.Chat.History;

/// <summary>
/// The conversation of one working directory, kept as append-only JSON lines under <c>~/.patcode/history</c>.
/// Each message is in the kernel before <see cref="Append"/> returns, so a crash or a kill of patcode (even
/// mid-answer) loses at most the message being written, and a torn last line is skipped on load instead of
/// spoiling the file. The flush to the disk itself (for a power cut or a kernel crash) runs right after, off the
/// turn's path: it took ~0.2–0.4 ms per message, twice per turn, on the chat's critical path.
/// <see cref="Dispose"/> waits for it.
/// </summary>
public sealed class ChatHistoryStore : IDisposable
{
    // Relaxed escaping keeps the file readable (non-ASCII text and quotes as written).
    private static readonly HistoryJsonContext Json = new(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private static readonly UnixFileMode UserOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ILogger _logger;
    private readonly object _gate = new();

    // Written, not yet flushed to disk; each stream is disposed once flushed (fsync works on the file the handle
    // has open, even if StartNew renamed it meanwhile).
    private readonly List<FileStream> _unflushed = [];
    private Task _flushing = Task.CompletedTask;
    private bool _flusherRunning;

    public ChatHistoryStore(string historyDirectory, string workingDirectory, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(historyDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        _logger = logger;
        Directory = historyDirectory;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        FilePath = Path.Combine(historyDirectory, FileNameFor(WorkingDirectory));
    }

    public string Directory { get; }

    public string WorkingDirectory { get; }

    /// <summary>The file, named by a hash of the working directory so paths never leak into file names.</summary>
    public string FilePath { get; }

    public static string FileNameFor(string workingDirectory)
    {
        var normalized = Path.GetFullPath(workingDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(normalized));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12)) + ".jsonl";
    }

    /// <summary>Reads the saved messages; unreadable lines (a torn last line after a crash) are skipped and logged.</summary>
    public IReadOnlyList<HistoryEntry> Load()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        var entries = new List<HistoryEntry>();
        var skipped = 0;
        foreach (var line in File.ReadLines(FilePath, Encoding.UTF8))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                var entry = JsonSerializer.Deserialize(line, Json.HistoryEntry);
                if (entry is { Role.Length: > 0 })
                {
                    entries.Add(entry);
                }
                else
                {
                    skipped++;
                }
            }
            catch (JsonException)
            {
                skipped++;
            }
        }

        if (skipped > 0)
        {
            ChatLog.HistoryLinesSkipped(_logger, skipped, FilePath);
        }

        return entries;
    }

    /// <summary>Appends one message: written to the file when this returns, flushed to disk right after.</summary>
    public void Append(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry, Json.HistoryEntry);
        lock (_gate)
        {
            PatCodePaths.EnsurePrivateDirectory(Directory);
            // Earlier appends' streams may still be open until their flush: share writing with them.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UserOnly;
            }

            var stream = new FileStream(FilePath, options);
            try
            {
                var prefix = NeedsNewline(stream) ? "\n" : "";
                stream.Seek(0, SeekOrigin.End);
                stream.Write(Encoding.UTF8.GetBytes(prefix + line + "\n"));
                stream.Flush();
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            _unflushed.Add(stream);
            if (!_flusherRunning)
            {
                _flusherRunning = true;
                _flushing = Task.Run(FlushToDisk);
            }
        }
    }

    /// <summary>Returns once every message appended so far is on disk (or its flush failed and was logged).</summary>
    public void WaitUntilOnDisk()
    {
        while (true)
        {
            Task flushing;
            lock (_gate)
            {
                if (!_flusherRunning)
                {
                    return;
                }

                flushing = _flushing;
            }

            flushing.GetAwaiter().GetResult();
        }
    }

    public void Dispose() => WaitUntilOnDisk();

    /// <summary>Where <see cref="StartNew"/> moves the previous conversation.</summary>
    public string PreviousFilePath => Path.ChangeExtension(FilePath, ".previous.jsonl");

    /// <summary>
    /// Starts a new conversation file, keeping the last one as <see cref="PreviousFilePath"/> so a forgotten
    /// <c>--continue</c> never destroys a conversation outright.
    /// </summary>
    public void StartNew()
    {
        WaitUntilOnDisk();
        lock (_gate)
        {
            if (File.Exists(FilePath) && new FileInfo(FilePath).Length > 0)
            {
                File.Move(FilePath, PreviousFilePath, overwrite: true);
            }
        }
    }

    /// <summary>Empties the history (atomically, so a crash leaves the old file or an empty one).</summary>
    public void Clear()
    {
        WaitUntilOnDisk();
        lock (_gate)
        {
            if (File.Exists(FilePath))
            {
                AtomicFile.WriteAllText(FilePath, "");
            }
        }
    }

    private void FlushToDisk()
    {
        while (true)
        {
            FileStream[] written;
            lock (_gate)
            {
                if (_unflushed.Count == 0)
                {
                    _flusherRunning = false;
                    return;
                }

                written = [.. _unflushed];
                _unflushed.Clear();
            }

            foreach (var stream in written)
            {
                try
                {
                    using (stream)
                    {
                        stream.Flush(flushToDisk: true);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The message is in the file (the kernel has it); only its trip to the disk failed.
                    ChatLog.HistoryWriteFailed(_logger, e, FilePath);
                }
            }
        }
    }

    // A torn last line has no newline; start the next entry on a fresh line so it stays readable.
    private static bool NeedsNewline(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return false;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }
}
