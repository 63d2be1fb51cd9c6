using System.Text;
using PatCode.Core.Console;

namespace PatCode.Chat.Tests.Support;

/// <summary>Captures what the chat writes: stdout text (tokens, lines, dim lines, tables) apart from errors and warnings.</summary>
internal sealed class CapturingOutput : IUserOutput
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<string> _writes = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _dim = [];

    public bool IsInteractive => false;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Each <see cref="Write"/> call, e.g. each streamed token.</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes.ToList();
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToList();
            }
        }
    }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate)
            {
                return _warnings.ToList();
            }
        }
    }

    public IReadOnlyList<string> DimLines
    {
        get
        {
            lock (_gate)
            {
                return _dim.ToList();
            }
        }
    }

    public void WriteLine(string text = "")
    {
        lock (_gate)
        {
            _text.Append(text).Append('\n');
        }
    }

    public void Write(string text)
    {
        lock (_gate)
        {
            _text.Append(text);
            _writes.Add(text);
        }
    }

    public void WriteError(string text)
    {
        lock (_gate)
        {
            _errors.Add(text);
        }
    }

    public void WriteWarning(string text)
    {
        lock (_gate)
        {
            _warnings.Add(text);
        }
    }

    public void WriteDim(string text)
    {
        lock (_gate)
        {
            _dim.Add(text);
            _text.Append(text).Append('\n');
        }
    }

    public void WriteTable(TextTable table)
    {
        lock (_gate)
        {
            _text.Append(table.ToPlainText());
        }
    }
}
