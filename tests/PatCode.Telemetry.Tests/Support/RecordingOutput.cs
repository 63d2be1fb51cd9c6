using PatCode.Core.Console;

namespace PatCode.Telemetry.Tests.Support;

/// <summary>Captures what a command writes, as plain text.</summary>
internal sealed class RecordingOutput : IUserOutput
{
    public List<string> Lines { get; } = [];

    public List<string> Errors { get; } = [];

    public bool IsInteractive => false;

    public string Text => string.Join("\n", Lines);

    public void WriteLine(string text = "") => Lines.Add(text);

    public void Write(string text) => Lines.Add(text);

    public void WriteError(string text) => Errors.Add(text);

    public void WriteWarning(string text) => Lines.Add("warning: " + text);

    public void WriteDim(string text) => Lines.Add(text);

    public void WriteTable(TextTable table) => Lines.AddRange(table.ToPlainText().TrimEnd('\n').Split('\n'));
}
