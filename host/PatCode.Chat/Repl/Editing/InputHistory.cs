using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatCode.Core.IO;
using PatCode.Core.Security;

namespace PatCode.Chat.Repl.Editing;

/// <summary>
/// What you typed in the REPL, for Up/Down and Ctrl+R, kept across sessions in one file per user: JSON lines
/// (one string each, so multi-line messages survive), the newest <c>repl.historySize</c> entries, written
/// atomically and user-only (0600), with secrets masked by <see cref="SecretRedactor"/> before they reach the
/// disk. This session's own entries stay as typed in memory. Writes happen off the input path, one at a time.
/// </summary>
internal sealed class InputHistory
{
    // With nothing kept on disk, this session still remembers its own inputs.
    private const int SessionOnlyCapacity = 1000;

    private readonly List<string> _entries;
    private readonly string? _file;
    private readonly int _capacity;
    private readonly int _inMemory;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task _saving = Task.CompletedTask;

    private InputHistory(List<string> entries, string? file, int capacity, ILogger logger)
    {
        _entries = entries;
        _file = file;
        _capacity = capacity;
        _inMemory = capacity > 0 ? capacity : SessionOnlyCapacity;
        _logger = logger;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public string this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _entries[index];
            }
        }
    }

    /// <summary>The history in <paramref name="file"/> (none yet, unreadable or partly damaged is fine: what can be read is kept).</summary>
    /// <param name="file">The file; <see langword="null"/> (or a capacity of 0) keeps the history in memory only.</param>
    /// <param name="capacity">How many entries are kept.</param>
    /// <param name="logger">For files that cannot be read or written.</param>
    public static InputHistory Load(string? file, int capacity, ILogger logger)
    {
        var entries = new List<string>();
        if (file is not null && capacity > 0 && File.Exists(file))
        {
            try
            {
                entries.AddRange(Parse(File.ReadAllLines(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ChatLog.InputHistoryFailed(logger, e, file);
            }
        }

        if (entries.Count > capacity)
        {
            entries.RemoveRange(0, entries.Count - Math.Max(capacity, 0));
        }

        return new InputHistory(entries, capacity > 0 ? file : null, Math.Max(capacity, 0), logger);
    }

    /// <summary>Adds what was sent (not blank, not a repeat of the last entry) and saves it in the background.</summary>
    public void Add(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Count > 0 && _entries[^1] == entry)
            {
                return;
            }

            _entries.Add(entry);
            if (_entries.Count > _inMemory)
            {
                _entries.RemoveAt(0);
            }

            if (_file is not null)
            {
                var redacted = SecretRedactor.Redact(entry);
                _saving = _saving.ContinueWith(_ => Save(redacted), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Waits for the entries added so far to be on disk.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _saving;
        }
    }

    private void Save(string entry)
    {
        try
        {
            // Read again first: another PatCode session may have added to the file since this one started.
            var entries = File.Exists(_file) ? Parse(File.ReadAllLines(_file!)) : [];
            if (entries.Count == 0 || entries[^1] != entry)
            {
                entries.Add(entry);
            }

            var text = new StringBuilder();
            foreach (var line in entries.Skip(Math.Max(0, entries.Count - _capacity)))
            {
                text.Append(JsonSerializer.Serialize(line)).Append('\n');
            }

            AtomicFile.WriteAllText(_file!, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ChatLog.InputHistoryFailed(_logger, e, _file!);
        }
    }

    private static List<string> Parse(IEnumerable<string> lines)
    {
        var entries = new List<string>();
        foreach (var line in lines)
        {
            try
            {
                if (JsonSerializer.Deserialize<string>(line) is { Length: > 0 } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A line from an interrupted write, or not ours: skip it, keep the rest.
            }
        }

        return entries;
    }
}
