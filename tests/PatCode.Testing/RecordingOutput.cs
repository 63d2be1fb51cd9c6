using System.Text;
using PatCode.Core.Console;

namespace PatCode.Testing;

/// <summary>
/// Captures what a command or the chat writes. Stdout (lines, streamed text, dim lines, tables as plain text) is kept
/// as the user would read it; errors and warnings, which go to stderr, are kept apart. Safe to read while a chat
/// streams into it from another thread.
/// </summary>
public sealed class RecordingOutput : IUserOutput
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<string> _writes = [];
    private readonly List<string> _dimLines = [];
    private readonly List<TextTable> _tables = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    public bool IsInteractive => false;

    /// <summary>Everything written to stdout, in order, as printed.</summary>
    public string Text => Read(() => _text.ToString());

    /// <summary>Stdout split into lines, as the user would read them (a table gives one line per row).</summary>
    public IReadOnlyList<string> Lines => Read(() =>
    {
        var text = _text.ToString();
        return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
    });

    /// <summary>Each <see cref="Write"/> call, e.g. each streamed token.</summary>
    public IReadOnlyList<string> Writes => Read(() => _writes.ToList());

    public IReadOnlyList<string> DimLines => Read(() => _dimLines.ToList());

    public IReadOnlyList<TextTable> Tables => Read(() => _tables.ToList());

    public IReadOnlyList<string> Errors => Read(() => _errors.ToList());

    public IReadOnlyList<string> Warnings => Read(() => _warnings.ToList());

    public void WriteLine(string text = "") => Change(() => _text.Append(text).Append('\n'));

    public void Write(string text) => Change(() =>
    {
        _text.Append(text);
        _writes.Add(text);
    });

    public void WriteDim(string text) => Change(() =>
    {
        _text.Append(text).Append('\n');
        _dimLines.Add(text);
    });

    public void WriteTable(TextTable table) => Change(() =>
    {
        _text.Append(table.ToPlainText());
        _tables.Add(table);
    });

    public void WriteError(string text) => Change(() => _errors.Add(text));

    public void WriteWarning(string text) => Change(() => _warnings.Add(text));

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }
}
