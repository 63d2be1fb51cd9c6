using PatCode.Core.Console;

namespace PatCode.Testing;

/// <summary>Captures what a command writes: text lines, errors and warnings together, and tables.</summary>
public sealed class RecordingOutput : IUserOutput
{
    public List<string> Lines { get; } = [];

    public List<string> Errors { get; } = [];

    public List<TextTable> Tables { get; } = [];

    public bool IsInteractive => false;

    public void WriteLine(string text = "") => Lines.Add(text);

    public void Write(string text) => Lines.Add(text);

    public void WriteError(string text) => Errors.Add(text);

    public void WriteWarning(string text) => Errors.Add(text);

    public void WriteDim(string text) => Lines.Add(text);

    public void WriteTable(TextTable table) => Tables.Add(table);
}
